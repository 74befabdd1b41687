export function App() {
  return <main>Sidecar</main>;
}
