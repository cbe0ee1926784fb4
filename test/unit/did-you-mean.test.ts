import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../electron/core/did-you-mean';

const TOP_LEVEL = [
  'version',
  'name',
  'compose',
  'images',
  'platforms',
  'env',
  'seed',
  'health',
  'staging',
  'threshold',
];

describe('did you mean', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('imgaes', 'images')).toBe(1);
    expect(editDistance('images', 'images')).toBe(0);
    expect(editDistance('', 'env')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests the key a typo most likely meant', () => {
    expect(didYouMean('imgaes', TOP_LEVEL)).toBe('images');
    expect(didYouMean('treshold', TOP_LEVEL)).toBe('threshold');
    expect(didYouMean('platform', TOP_LEVEL)).toBe('platforms');
    expect(didYouMean('hostkey', ['ssh', 'hostKey', 'engine', 'project'])).toBe('hostKey');
  });

  it('stays quiet when nothing is close enough to help', () => {
    expect(didYouMean('database', TOP_LEVEL)).toBeUndefined();
    expect(didYouMean('x', TOP_LEVEL)).toBeUndefined();
    expect(didYouMean('imgaes', [])).toBeUndefined();
  });
});
