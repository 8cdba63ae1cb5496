import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesSearch } from '../search-text';

describe('search ignoring case and diacritics', () => {
  it('folds Vietnamese letters to plain ones', () => {
    expect(foldForSearch('Công an phường Phố Hiến')).toBe('cong an phuong pho hien');
    expect(foldForSearch('ĐỒNG  Văn')).toBe('dong van');
  });

  it('finds a unit by words in any order and either spelling', () => {
    expect(matchesSearch('pho hien', 'Công an phường Phố Hiến', 'CAX-001')).toBe(true);
    expect(matchesSearch('hiến cax', 'Công an phường Phố Hiến', 'CAX-001')).toBe(true);
    expect(matchesSearch('pho noi', 'Công an phường Phố Hiến', 'CAX-001')).toBe(false);
    expect(matchesSearch('  ', 'anything')).toBe(true);
  });
});
