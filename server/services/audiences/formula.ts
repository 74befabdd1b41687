/**
 * FORMULA columns: the prompt is a JavaScript expression over the row, evaluated in QuickJS
 * compiled to WebAssembly (never eval, new Function or node:vm), with a time and a memory limit
 * per row. `{Column Name}` reads a column's value; `row` is an object of every value by name.
 */
import { getQuickJS, type QuickJSRuntime, type QuickJSWASMModule } from 'quickjs-emscripten';
import type { CellError, CellValueT } from '../../audiences/schemas.ts';

export const FORMULA_TIME_MS = 250;
export const FORMULA_MEMORY_BYTES = 8 * 1024 * 1024;

/** `{Full Name}` → `row["Full Name"]`; the expression must name only existing columns. */
export function compileFormula(prompt: string, columnNames: string[]): { expression: string } | { error: string } {
  const known = new Set(columnNames.map((n) => n.toLowerCase()));
  const unknown: string[] = [];
  const expression = prompt.replace(/\{([^{}()"';=]+)\}/g, (_, raw: string) => {
    const name = raw.trim();
    const canonical = columnNames.find((n) => n.toLowerCase() === name.toLowerCase());
    if (!known.has(name.toLowerCase())) unknown.push(name);
    return `row[${JSON.stringify(canonical ?? name)}]`;
  });
  if (unknown.length > 0) return { error: `the formula refers to ${unknown.map((u) => `{${u}}`).join(', ')}, which the audience has no column for (references are {Column Name}).` };
  if (expression.length > 4000) return { error: 'the formula is longer than 4000 characters.' };
  return { expression };
}

export type FormulaOutcome = { value: CellValueT } | { error: CellError };

let modulePromise: Promise<QuickJSWASMModule> | undefined;

/** One sandbox per chunk of rows; a row that exhausts it gets a fresh one. */
export class FormulaSandbox {
  private runtime: QuickJSRuntime | undefined;
  private readonly module: QuickJSWASMModule;

  private constructor(module: QuickJSWASMModule) {
    this.module = module;
  }

  static async create(): Promise<FormulaSandbox> {
    modulePromise ??= getQuickJS().then((module) => {
      // The first evaluation compiles the engine's paths: done once, outside any row's time limit.
      const warm = module.newContext();
      warm.evalCode('JSON.parse("{}")').dispose();
      warm.dispose();
      return module;
    });
    return new FormulaSandbox(await modulePromise);
  }

  private fresh(): QuickJSRuntime {
    const runtime = this.module.newRuntime();
    runtime.setMemoryLimit(FORMULA_MEMORY_BYTES);
    runtime.setMaxStackSize(512 * 1024);
    return runtime;
  }

  evaluate(expression: string, row: Record<string, CellValueT>): FormulaOutcome {
    this.runtime ??= this.fresh();
    const runtime = this.runtime;
    // CPU time, not wall time: on a busy host a row must not fail for time it spent waiting for a core.
    const cpu = process.cpuUsage();
    const wallDeadline = Date.now() + FORMULA_TIME_MS * 20;
    runtime.setInterruptHandler(() => {
      const used = process.cpuUsage(cpu);
      return (used.user + used.system) / 1000 > FORMULA_TIME_MS || Date.now() > wallDeadline;
    });
    const vm = runtime.newContext();
    let exhausted = false;
    try {
      const json = vm.newString(JSON.stringify(row));
      vm.setProp(vm.global, '__row', json);
      json.dispose();
      const result = vm.evalCode(`(function (row) { "use strict"; return (${expression}\n); })(JSON.parse(__row))`, 'formula.js');
      if (result.error) {
        const dumped: unknown = vm.dump(result.error);
        result.error.dispose();
        const message = typeof dumped === 'object' && dumped !== null && 'message' in dumped ? String((dumped as { message: unknown }).message) : String(dumped);
        const interrupted = /interrupted/i.test(message);
        const memory = /out of memory|stack overflow/i.test(message);
        exhausted = interrupted || memory;
        return {
          error: {
            summary: interrupted ? 'Formula took too long' : memory ? 'Formula used too much memory' : 'Formula failed',
            description: interrupted
              ? `The formula used more than ${FORMULA_TIME_MS} ms of CPU on this row and was stopped.`
              : memory
                ? `The formula needed more than ${FORMULA_MEMORY_BYTES / 1024 / 1024} MB on this row and was stopped.`
                : `The formula threw on this row: ${message.slice(0, 300)}`,
            retryable: false,
          },
        };
      }
      const value: unknown = vm.dump(result.value);
      result.value.dispose();
      return { value: toCellValue(value) };
    } finally {
      vm.dispose();
      // A runtime stopped mid-way may hold garbage it cannot free: the next row gets a fresh one.
      if (exhausted) this.dispose();
    }
  }

  dispose(): void {
    const runtime = this.runtime;
    this.runtime = undefined;
    try {
      runtime?.dispose();
    } catch {
      // a runtime stopped by its limits may refuse a clean dispose; it is dropped either way
    }
  }
}

function toCellValue(value: unknown): CellValueT {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'number')) return value as number[];
    return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  }
  return JSON.stringify(value);
}
