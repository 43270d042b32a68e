// Proves that check-grammar.mjs can fail: each mutation breaks the grammar the way a careless
// edit would, and the checks must report it.
import { checkGrammar, readGrammar } from './grammar-check.mjs';

const patternsOf = (grammar, key) => grammar.repository[key].patterns;
const mutations = {
  // `port` becomes a keyword everywhere, also in `port = http` inside `health { }`.
  'port keyword without its lookahead': (g) => {
    patternsOf(g, 'field-statement').unshift({ name: 'keyword.other.port.svc', match: '\\bport\\b' });
  },
  'quantities lost': (g) => {
    const numbers = patternsOf(g, 'number');
    numbers.splice(numbers.findIndex((p) => p.name === 'constant.numeric.quantity.svc'), 1);
  },
  'interpolation lost': (g) => {
    const inner = g.repository.string.patterns;
    inner.splice(inner.findIndex((p) => p.name === 'meta.interpolation.svc'), 1);
  },
  'block comments never end': (g) => {
    patternsOf(g, 'comment')[1].end = '\\*/(?!.)x';
  },
  'references unscoped': (g) => {
    patternsOf(g, 'reference').splice(0, 1);
  },
};

let escaped = 0;
for (const [name, mutate] of Object.entries(mutations)) {
  const grammar = readGrammar();
  mutate(grammar);
  const { failures } = await checkGrammar(grammar);
  console.log(`${failures.length === 0 ? 'NOT CAUGHT' : 'caught'}: ${name} (${failures.length} failures${failures.length ? ', e.g. ' + failures[0] : ''})`);
  if (failures.length === 0) escaped++;
}
process.exit(escaped === 0 ? 0 : 1);
