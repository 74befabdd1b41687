import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import '../../components/styles.css';

// Every import has been evaluated by now (BENCHMARKS.md splits load time from render time).
performance.mark('sidecar:main');
const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
