// Graphviz and Mermaid accept what `svcc graph` prints (issue 6 item 6): for every app
// named, the dot output is rendered with `dot -Tsvg`, the Mermaid flowchart is parsed
// by the `mermaid` package itself (in jsdom, as mermaid needs a DOM), and the JSON is
// read back; each must name every service of the app, and the dot and Mermaid
// renderings must carry as many edges as the JSON. Each ingress label must read back,
// as each tool shows it, exactly as the JSON states it: a `"`, `]`, `&` or `#` in a path
// must not end the label, start a node, or turn into another character.
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

// The text lines Graphviz draws in the SVG, as a reader sees them.
function svgTextLines(svg) {
  const doc = new dom.window.DOMParser().parseFromString(svg, 'image/svg+xml');
  return [...doc.getElementsByTagName('text')].map((t) => t.textContent);
}

// The labels of a flowchart's nodes as Mermaid shows them: its parser keeps entity codes
// (`#quot;`, `#35;`) as placeholders that it turns into HTML entities when it renders, and
// the label is then HTML (`<br>` a line break).
async function mermaidLabels(text) {
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const labels = [];
  for (const vertex of diagram.db.getVertices().values()) {
    const html = vertex.text.replace(/ﬂ°°(\w+)¶ß/g, '&#$1;').replace(/ﬂ°(\w+)¶ß/g, '&$1;');
    const holder = document.createElement('div');
    holder.innerHTML = html.replace(/<br\s*\/?>/gi, '\n');
    labels.push(holder.textContent);
  }
  return labels;
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

  const ingresses = json.services.filter((s) => s.ingress).map((s) => `ingress ${s.ingress.host}${s.ingress.path}`);
  const lines = svgTextLines(svg);
  for (const line of ingresses) expect(lines.includes(line), `${dir}: the SVG does not show ${JSON.stringify(line)}; it shows ${JSON.stringify(lines)}`);

  const flowchart = graph('mermaid');
  await parseMermaid(flowchart);
  const labels = await mermaidLabels(flowchart);
  expect(labels.length === names.length, `${dir}: ${labels.length} nodes in the flowchart, ${names.length} services`);
  for (const s of json.services) {
    const label = `${s.start}. ${s.name}` + (s.ingress ? `\ningress ${s.ingress.host}${s.ingress.path}` : '');
    expect(labels.includes(label), `${dir}: the flowchart does not show ${JSON.stringify(label)}; it shows ${JSON.stringify(labels)}`);
  }
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
    await rejects('a label whose quote was not escaped', async () => {
      const labels = await mermaidLabels('flowchart LR\n  s0["1. a<br/>ingress h/x"]; s9["y"]\n');
      expect(labels.includes('1. a\ningress h/x"]; s9["y'), `labels ${JSON.stringify(labels)}`);
    }),
    await rejects('an entity Graphviz decodes', async () => {
      const lines = svgTextLines(renderDot('digraph g { a [label="x&amp;y"]; }'));
      expect(lines.includes('x&amp;y'), `lines ${JSON.stringify(lines)}`);
    }),
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
