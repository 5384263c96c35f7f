import { pickLanguage } from './language';

describe('pickLanguage', () => {
  it.each([
    [undefined, 'ja'],
    ['', 'ja'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['ja,en;q=0.8', 'ja'],
    ['en;q=0.5,ja;q=0.9', 'ja'],
    ['fr-FR,en;q=0.5', 'en'],
    ['fr', 'ja'],
  ])('%s → %s', (header, lang) => {
    expect(pickLanguage(header)).toBe(lang);
  });
});
