/**
 * AI columns through an OpenAI-compatible chat-completions endpoint (AI_BASE_URL: Ollama, vLLM,
 * llama.cpp's server…). Without one, AI cells end ERROR, never invented text.
 */
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import type { CellValueT } from '../../audiences/schemas.ts';
import type { StoredCell } from './model.ts';

const completion = z.object({ choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1) });

export const NO_MODEL: StoredCell = {
  s: 'ERROR',
  e: { summary: 'No AI model is configured on this server', description: 'Set AI_BASE_URL (and AI_MODEL, AI_API_KEY) to an OpenAI-compatible endpoint and run enrichment again.', retryable: false },
};

const TIMEOUT_MS = 60000;

export async function runAiCell(
  ai: NonNullable<ServerConfig['ai']>,
  column: { prompt: string | null; tool: string | null },
  context: Record<string, CellValueT | object>,
  signal: AbortSignal,
): Promise<StoredCell> {
  const failed = (description: string, retryable: boolean): StoredCell => ({ s: 'ERROR', e: { summary: 'The AI model did not answer', description, retryable } });
  let response: Response;
  try {
    response = await fetch(`${ai.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(ai.apiKey ? { Authorization: `Bearer ${ai.apiKey}` } : {}) },
      body: JSON.stringify({
        model: ai.model,
        messages: [
          {
            role: 'system',
            content: `You fill one cell of a sales research table (tool: ${column.tool ?? 'AI_DATA_ANALYSIS'}). Answer with the cell's value only, grounded in the data given; if the data does not support an answer, answer exactly NO_RESULT.`,
          },
          { role: 'user', content: `${column.prompt ?? ''}\n\nData:\n${JSON.stringify(context)}` },
        ],
      }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
    });
  } catch (error) {
    return failed(`The request to the AI endpoint failed: ${error instanceof Error ? error.message : 'network error'}.`, true);
  }
  if (!response.ok) return failed(`The AI endpoint answered HTTP ${response.status}.`, response.status === 429 || response.status >= 500);
  const parsed = completion.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return failed('The AI endpoint answered something that is not a chat completion.', true);
  const text = (parsed.data.choices[0]?.message.content ?? '').trim();
  if (text === '' || text === 'NO_RESULT') return { s: 'NO_RESULT' };
  return { v: text.slice(0, 2000), s: 'RESULT' };
}
