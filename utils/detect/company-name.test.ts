import { describe, expect, it } from 'vitest';
import { companyKey } from './company-name.ts';

describe('companyKey', () => {
  it('drops trailing legal forms, chained ones too, in the forms countries write them', () => {
    expect(companyKey('Kräuterhof Sonnleitner GmbH')).toBe('kräuterhof sonnleitner');
    expect(companyKey('Tanaka Seiki Co., Ltd.')).toBe('tanaka seiki');
    expect(companyKey('Hidalgo Agroindustrial S.A. de C.V.')).toBe('hidalgo agroindustrial');
    expect(companyKey('Wattle & Gum Outdoor Pty Ltd')).toBe('wattle & gum outdoor');
    expect(companyKey('Pereira & Filhos, Lda.')).toBe('pereira & filhos');
    expect(companyKey('Polmet Odlewnia Sp. z o.o.')).toBe('polmet odlewnia');
  });

  it('keeps a name that is nothing but a legal-form word, and words inside a name', () => {
    expect(companyKey('AG')).toBe('ag');
    expect(companyKey('Ltd Holdings')).toBe('ltd holdings');
    expect(companyKey('Northwind Traders')).toBe('northwind traders');
  });
});
