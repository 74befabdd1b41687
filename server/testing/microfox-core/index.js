// Stand-in for @microfox/core, which is not on the npm registry: the helpers @microfox/zoominfo
// imports, with the behaviour that client relies on. The AI-function metadata is not needed.

/** Decorator factory: leaves the method as it is. */
export function aiFunction() {
  return () => undefined;
}

/** Base class of AI-function providers; the client only extends it, and registers no function here. */
export class AIFunctionsProvider {
  get functions() {
    return [];
  }
}

export function assert(value, message) {
  if (!value) throw new Error(message ?? 'Assertion failed');
}

export function getEnv(name) {
  return process.env[name];
}

/** Runs every request through `throttle` (a p-throttle function), as the real helper does. */
export function throttleKy(ky, throttle) {
  return ky.extend({ hooks: { beforeRequest: [throttle(() => undefined)] } });
}
