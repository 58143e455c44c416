import { describe, expect, it } from 'vitest';
import { detectLanguage, normalizeLanguage } from '../../src/analysis/language.js';

describe('detectLanguage', () => {
  it.each([
    'Buy now and save twenty percent on your first order. Visit our site today.',
    "This summer, get the shoes you love at half the price. Don't wait: the offer ends on Friday.",
    'seven glasses of water buy now and save twenty percent',
  ])('English: %s', (text) => {
    const g = detectLanguage(text);
    expect(g.language).toBe('en');
    expect(g.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it.each([
    'Compre agora e economize vinte por cento no seu primeiro pedido. Visite o nosso site hoje.',
    'Neste verão, os tênis que você ama pela metade do preço. Não espere: a oferta acaba na sexta.',
    'Baixe o aplicativo e ganhe frete grátis em todas as compras com o cupom de boas-vindas.',
    // Without accents, as typed on many phones.
    'voce nao pode perder essa promocao, e so hoje na loja',
  ])('Portuguese: %s', (text) => {
    const g = detectLanguage(text);
    expect(g.language).toBe('pt');
    expect(g.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it('gives no verdict on too little text or none', () => {
    expect(detectLanguage('')).toEqual({ language: null, confidence: 0, hits: { en: 0, pt: 0 } });
    expect(detectLanguage('Nike').language).toBeNull();
    expect(detectLanguage('the').language).toBeNull();
  });

  it('a web address does not count as Portuguese "com"', () => {
    expect(detectLanguage('shop.example.com www.example.com/sale example.com').hits.pt).toBe(0);
  });

  it('can be made stricter', () => {
    expect(detectLanguage('buy it now', { minHits: 5 }).language).toBeNull();
  });
});

describe('normalizeLanguage', () => {
  it('maps tags to ISO 639-1', () => {
    expect(normalizeLanguage('pt-BR')).toBe('pt');
    expect(normalizeLanguage('EN_us')).toBe('en');
    expect(normalizeLanguage('eng')).toBe('en');
    expect(normalizeLanguage('por')).toBe('pt');
    expect(normalizeLanguage('und')).toBeNull();
    expect(normalizeLanguage(null)).toBeNull();
    expect(normalizeLanguage('')).toBeNull();
  });
});
