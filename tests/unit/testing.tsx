import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { SidecarError } from '../../utils/errors.ts';
import type { BackgroundMessages, MessageInput, MessageOutput } from '../../utils/messaging.ts';
import { BackgroundProvider, type Send } from '../../components/background.tsx';

/** Test helpers for the components (happy-dom): render, a scripted background, waiting. */

type Handlers = Partial<{
  [N in keyof BackgroundMessages]: (input: MessageInput<BackgroundMessages, N>) => MessageOutput<BackgroundMessages, N> | Promise<MessageOutput<BackgroundMessages, N>>;
}>;

export interface FakeBackground {
  send: Send;
  calls: { name: string; input: unknown }[];
}

/** A background answering only the messages a test scripts; anything else fails loudly. */
export function fakeBackground(handlers: Handlers): FakeBackground {
  const calls: { name: string; input: unknown }[] = [];
  const send = async (name: keyof BackgroundMessages, input: unknown) => {
    calls.push({ name, input });
    const handler = handlers[name] as ((input: unknown) => unknown) | undefined;
    if (!handler) throw new SidecarError('internal', `The test background was not told how to answer "${name}".`);
    return handler(input);
  };
  return { send: send as Send, calls };
}

export interface Rendered {
  container: HTMLElement;
  root: Root;
  unmount(): void;
}

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export async function render(ui: ReactNode, background?: FakeBackground): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(background ? <BackgroundProvider send={background.send}>{ui}</BackgroundProvider> : ui);
  });
  return {
    container,
    root,
    unmount() {
      act(() => root.unmount());
      container.remove();
    },
  };
}

/** Lets pending promises and effects settle, then checks; retries until `timeoutMs`. */
export async function waitFor(check: () => void, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await act(async () => {
        await new Promise((r) => setTimeout(r, 10));
      });
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

export async function click(element: Element | null | undefined): Promise<void> {
  if (!(element instanceof HTMLElement)) throw new Error('nothing to click');
  await act(async () => {
    element.click();
  });
}

export function byText(root: ParentNode, selector: string, text: string | RegExp): HTMLElement | undefined {
  return [...root.querySelectorAll<HTMLElement>(selector)].find((el) =>
    typeof text === 'string' ? (el.textContent ?? '').includes(text) : text.test(el.textContent ?? ''),
  );
}

/** Types into a React-controlled input (sets the value the way the browser does, then `input`). */
export async function type(element: Element | null | undefined, value: string): Promise<void> {
  if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) throw new Error('nothing to type into');
  const proto = element instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  await act(async () => {
    setter?.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** The form control labelled `label` (its <label for> text). */
export function byLabel(root: ParentNode, label: string): HTMLElement | undefined {
  const node = [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
  const id = node?.getAttribute('for');
  return (id ? root.querySelector<HTMLElement>(`[id="${id}"]`) : node?.querySelector<HTMLElement>('input, select, textarea')) ?? undefined;
}
