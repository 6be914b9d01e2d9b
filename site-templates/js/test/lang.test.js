import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickLocale } from '../lang.js';

const available = ['de-DE', 'en-US', 'fr-FR', 'it-IT'];

test('an exact locale wins, in any case', () => {
  assert.equal(pickLocale(['it-it', 'en-US'], available, 'en-US'), 'it-IT');
});

test('a language matches a locale of that language', () => {
  assert.equal(pickLocale(['fr', 'en'], available, 'en-US'), 'fr-FR');
  assert.equal(pickLocale(['de-AT'], available, 'en-US'), 'de-DE');
});

test('the reader\'s order counts: an earlier language beats a later exact match', () => {
  assert.equal(pickLocale(['ja-JP', 'de-CH', 'it-IT'], available, 'en-US'), 'de-DE');
  assert.equal(pickLocale(['de-CH', 'en-GB'], ['en-GB', 'de-DE'], 'en-GB'), 'de-DE');
  assert.equal(pickLocale(['en-GB', 'de-DE'], ['de-DE', 'en-US'], 'de-DE'), 'en-US');
});

test('no match falls back', () => {
  assert.equal(pickLocale(['ja-JP', 'ko'], available, 'en-US'), 'en-US');
  assert.equal(pickLocale([], available, 'en-US'), 'en-US');
});
