// Tokenizes every example, standard-library, golden and fuzz-corpus file with the extension's TextMate grammar
// and checks the scopes (grammar-check.mjs). Exit status 1 lists every failure.
import { checkGrammar, readGrammar } from './grammar-check.mjs';

const { failures, files, validFiles, lines, tokens, expectations } = await checkGrammar(readGrammar());
for (const failure of failures) console.error(failure);
console.log(`svc.tmLanguage.json: ${files} files (${validFiles} examples and stdlib, the rest golden and fuzz inputs), ${lines} lines, ${tokens} tokens, ` +
  `${expectations} scope expectations, ${failures.length} failures`);
process.exit(failures.length === 0 ? 0 : 1);
