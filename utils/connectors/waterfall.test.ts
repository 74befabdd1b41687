import { describe, expect, it } from 'vitest';
import { runWaterfall, runWaterfalls, type WaterfallSource } from './waterfall.ts';

interface Person {
  email: string;
}

function source(id: string, values: Record<string, string | null>, calls: string[]): WaterfallSource<Person> {
  return {
    id,
    label: id.toUpperCase(),
    async lookup(_entity, field) {
      calls.push(`${id}:${field}`);
      const value = values[field];
      if (value === undefined) throw new Error(`${id} is down`);
      return value;
    },
  };
}

const dana = { email: 'dana@northwind.io' };

describe('waterfall', () => {
  it('stops at the first source with a value and names it', async () => {
    const calls: string[] = [];
    const sources = [source('provider', { mobilePhone: null }, calls), source('app-z', { mobilePhone: '+1 415 555 0172' }, calls), source('crm', { mobilePhone: '+1 000' }, calls)];
    const result = await runWaterfall('mobilePhone', ['provider', 'app-z', 'crm'], sources, dana);
    expect(result).toMatchObject({ value: '+1 415 555 0172', sourceId: 'app-z', sourceLabel: 'APP-Z' });
    expect(calls).toEqual(['provider:mobilePhone', 'app-z:mobilePhone']);
  });

  it('follows the configured order, not the list of sources', async () => {
    const calls: string[] = [];
    const sources = [source('provider', { email: 'a@x.io' }, calls), source('app-z', { email: 'b@x.io' }, calls)];
    expect((await runWaterfall('email', ['app-z', 'provider'], sources, dana)).sourceId).toBe('app-z');
  });

  it('skips a failing source and an empty string, and reports why', async () => {
    const calls: string[] = [];
    const sources = [source('broken', {}, calls), source('blank', { phone: ' ' }, calls), source('app-z', { phone: '+1 1' }, calls)];
    const result = await runWaterfall('phone', ['gone', 'broken', 'blank', 'app-z'], sources, dana);
    expect(result.value).toBe('+1 1');
    expect(result.failures).toEqual([
      { sourceId: 'gone', message: 'The source gone no longer exists.' },
      { sourceId: 'broken', message: 'broken is down' },
    ]);
  });

  it('ends with no value when no source has one', async () => {
    const result = await runWaterfall('phone', ['provider'], [source('provider', { phone: null }, [])], dana);
    expect(result).toEqual({ value: null, sourceId: null, sourceLabel: null, failures: [] });
  });

  it('runs each field through its own order', async () => {
    const calls: string[] = [];
    const sources = [source('provider', { email: 'd@n.io', mobilePhone: null }, calls), source('app-z', { mobilePhone: '+1 2' }, calls)];
    const results = await runWaterfalls({ email: ['provider', 'app-z'], mobilePhone: ['provider', 'app-z'] }, sources, dana);
    expect(results.email?.sourceId).toBe('provider');
    expect(results.mobilePhone?.sourceId).toBe('app-z');
    expect(calls).not.toContain('app-z:email');
  });
});
