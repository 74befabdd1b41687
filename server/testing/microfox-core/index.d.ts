export declare function aiFunction(options: unknown): (target: unknown, context: unknown) => void;
export declare class AIFunctionsProvider {
  get functions(): readonly unknown[];
}
export declare function assert(value: unknown, message?: string): asserts value;
export declare function getEnv(name: string): string | undefined;
export declare function throttleKy<T>(ky: T, throttle: unknown): T;
