// Graphviz and Mermaid accept what `svcc graph` prints (issue 6 item 6): for every app
// named, the dot output is rendered with `dot -Tsvg`, the Mermaid flowchart is parsed
// by the `mermaid` package itself (in jsdom, as mermaid needs a DOM), and the JSON is
// read back; each must name every service of the app, and the dot and Mermaid
// renderings must carry as many edges as the JSON.
//   node check-graphs.mjs SVCC APP_DIR...      check the apps
//   node check-graphs.mjs --selftest           prove broken graphs are rejected
import { execFileSync, spawnSync } from 'node:child_process';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

// Renders dot text to SVG; throws with Graphviz's message when it refuses the text.
function renderDot(text) {
  const run = spawnSync('dot', ['-Tsvg'], { input: text, encoding: 'utf8' });
  if (run.error) throw run.error;
  if (run.status !== 0 || run.stderr.trim() !== '') throw new Error(`dot: ${run.stderr.trim() || `exit ${run.status}`}`);
  // Graphviz writes some characters of names as numeric entities (`my&#45;service`).
  return run.stdout.replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)));
}

async function parseMermaid(text) {
  const result = await mermaid.parse(text);
  if (!result || result.diagramType !== 'flowchart-v2') throw new Error(`not a flowchart: ${JSON.stringify(result)}`);
}

function expect(condition, what) {
  if (!condition) throw new Error(what);
}

async function checkApp(svcc, dir) {
  const graph = (format) => execFileSync(svcc, ['graph', '--format', format, dir], { encoding: 'utf8' });
  const json = JSON.parse(graph('json'));
  const names = json.services.map((s) => s.name);
  expect(names.length > 0, `${dir}: no services in the JSON graph`);

  const svg = renderDot(graph('dot'));
  for (const name of names) expect(svg.includes(name), `${dir}: the SVG does not name ${name}`);
  const svgEdges = (svg.match(/class="edge"/g) || []).length;
  expect(svgEdges === json.edges.length, `${dir}: ${svgEdges} edges in the SVG, ${json.edges.length} in the JSON`);

  const flowchart = graph('mermaid');
  await parseMermaid(flowchart);
  for (const name of names) expect(flowchart.includes(name), `${dir}: the flowchart does not name ${name}`);
  const arrows = (flowchart.match(/-->/g) || []).length;
  expect(arrows === json.edges.length, `${dir}: ${arrows} arrows in the flowchart, ${json.edges.length} edges in the JSON`);
  console.log(`${dir}: ${names.length} services, ${json.edges.length} edges; dot -Tsvg and mermaid accept it`);
}

async function rejects(what, check) {
  try {
    await check();
  } catch {
    console.log(`rejected as expected: ${what}`);
    return true;
  }
  console.error(`NOT rejected: ${what}`);
  return false;
}

async function selftest() {
  const results = [
    await rejects('dot with an unclosed brace', () => renderDot('digraph g {\n  a -> b\n')),
    await rejects('dot with a bad attribute list', () => renderDot('digraph g { a [label="x" -> ]; }')),
    await rejects('a flowchart with a dangling arrow', () => parseMermaid('flowchart LR\n  a --> b -->\n')),
    await rejects('a flowchart with an unclosed label', () => parseMermaid('flowchart LR\n  a["x] --> b\n')),
  ];
  return results.every(Boolean);
}

const args = process.argv.slice(2);
try {
  if (args[0] === '--selftest') {
    process.exit((await selftest()) ? 0 : 1);
  }
  const [svcc, ...dirs] = args;
  expect(svcc && dirs.length > 0, 'usage: check-graphs.mjs SVCC APP_DIR... | --selftest');
  for (const dir of dirs) await checkApp(svcc, dir);
} catch (e) {
  console.error(`FAIL: ${e.message}`);
  process.exit(1);
}
