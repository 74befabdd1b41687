export function App() {
  return <main>Sidecar options</main>;
}
