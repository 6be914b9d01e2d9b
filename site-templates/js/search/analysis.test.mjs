// Quick checks of the browser's analysis chain: node --test site-templates/js/search/
// The expected stems were produced by Lucene 9.12.3 (Snowball) through io.bpacat.index.SearchAnalyzer; the exhaustive
// comparison with Java is AnalysisParityTest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer, fold, language, loadAnalyzer, lower, tokenize, words } from './analysis.js';

async function stems(lang, text) {
  const analyzer = await loadAnalyzer(lang);
  return analyzer.tokens(text).map((t) => t.term);
}

test('English: Snowball (Porter2) stems', async () => {
  assert.deepEqual(await stems('en', 'caresses ponies agreed disabled matting mating meetings relational '
      + 'generalizations hopefulness adjustable replacement adoption replication replica'),
  ['caress', 'poni', 'agre', 'disabl', 'mat', 'mate', 'meet', 'relat', 'general', 'hope', 'adjust', 'replac',
    'adopt', 'replic', 'replica']);
});

test('Italian: Snowball stems conflate replicazione and replica; accents folded', async () => {
  assert.deepEqual(await stems('it-IT', 'replicazione replica amiche banchi ragazzi gatti città università'),
    ['replic', 'replic', 'amic', 'banc', 'ragazz', 'gatt', 'citt', 'univers']);
});

test('German: Snowball stems conflate Arbeitsspeichers and Arbeitsspeicher', async () => {
  assert.deepEqual(await stems('de-DE', 'Arbeitsspeicher Arbeitsspeichers Häuser Bücher Straße Grüße Kindern '
      + 'schönsten ständig'),
  ['arbeitsspeich', 'arbeitsspeich', 'haus', 'buch', 'strass', 'gruss', 'kind', 'schon', 'standig']);
});

test('French: Snowball stems', async () => {
  assert.deepEqual(await stems('fr-FR', 'relationnelles informations chevaux généralement activement heureuse '
      + 'réplication'), ['relationnel', 'inform', 'cheval', 'general', 'activ', 'heureux', 'repliqu']);
});

test('Spanish: Snowball stems', async () => {
  assert.deepEqual(await stems('es', 'canciones ciudades luces actrices meses rápidamente réplicas países'),
    ['cancion', 'ciudad', 'luc', 'actric', 'mes', 'rapid', 'replic', 'pais']);
});

test('Portuguese: Snowball stems', async () => {
  assert.deepEqual(await stems('pt-BR', 'ações cães homens papéis configurações rapidamente portuguesa professora'),
    ['aco', 'ca', 'homens', 'pap', 'configur', 'rapid', 'portugues', 'professor']);
});

test('offsets are UTF-16 indexes into the input', async () => {
  assert.deepEqual((await loadAnalyzer('en')).tokens(' Hyper-V 😀 Replicas'), [
    { term: 'hyper', start: 1, end: 6 },
    { term: 'v', start: 7, end: 8 },
    { term: 'replica', start: 12, end: 20 },
  ]);
});

test('CJK runs become overlapping bigrams, a lone character a unigram; neither is stemmed or folded', () => {
  const analyzer = createAnalyzer('zh-CN');
  assert.deepEqual(analyzer.tokens('虚拟机 中 a𠀀字'), [
    { term: '虚拟', start: 0, end: 2 },
    { term: '拟机', start: 1, end: 3 },
    { term: '中', start: 4, end: 5 },
    { term: 'a', start: 6, end: 7 },
    { term: '𠀀字', start: 7, end: 10 },
  ]);
  // Folding would turn が into か (NFD, voicing mark dropped), but CJK tokens are keywords and stay as they are.
  assert.deepEqual(createAnalyzer('ja').terms('が'), ['が']);
});

test('stop words are data, matched on the lower-cased word before stemming', async () => {
  const analyzer = await loadAnalyzer('en', ['the', 'of']);
  assert.deepEqual(analyzer.terms('The Replication OF the servers'), ['replic', 'server']);
  assert.deepEqual((await loadAnalyzer('en')).terms('the'), ['the']);
});

test('lower-casing is per code point, like Java Character.toLowerCase(int)', () => {
  assert.equal(lower('ΟΔΟΣ'), 'οδοσ'); // no final sigma
  assert.equal(lower('İSTANBUL'), 'istanbul'); // İ → i, without a combining dot
  assert.equal(lower('ẞ'), 'ß');
});

test('folding spells out the letters NFD keeps', () => {
  assert.equal(fold('straße æther cœur øre đorđe þór łódź ıi naïve'), 'strasse aether coeur ore dorde thor lodz ii naive');
  assert.deepEqual(createAnalyzer('nl').terms('a\u0301 \u0301'), ['a', '']); // a lone mark folds to an empty term
});

test('languages without a stemmer: tokenizer, stop words and folding only', () => {
  assert.deepEqual(createAnalyzer('nl-NL', ['de']).terms('De Servers Één'), ['servers', 'een']);
  assert.equal(language('pt-BR'), 'pt');
  assert.equal(createAnalyzer('PT-br').language, 'pt');
});

test('the tokenizer splits on everything but letters, digits and marks', () => {
  assert.deepEqual(tokenize("l'host dell’IPv4 x86_64 ٣٤ ⑤").map((t) => t.term), ['l', 'host', 'dell', 'ipv4', 'x86', '64', '٣٤']);
});

test('raw words: folded but neither stopped nor stemmed, CJK bigrams kept', () => {
  assert.deepEqual(words('The Réplicas 虚拟机'), ['the', 'replicas', '虚拟', '拟机']);
  assert.deepEqual(createAnalyzer('it', ['di']).words('Copie di Hyper-V'), ['copie', 'di', 'hyper', 'v']);
});
