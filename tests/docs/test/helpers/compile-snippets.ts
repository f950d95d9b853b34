import { dirname, join } from 'node:path';
import ts from 'typescript';
import type { CodeBlock } from './code-blocks.js';

/** A compiler message about one block, with its position in the Markdown file. */
export interface SnippetDiagnostic {
  /** `README.md:42:7` */
  where: string;
  message: string;
}

/**
 * Type-checks code blocks as modules of one TypeScript program. Each block becomes a virtual file
 * in `baseDir/.snippets/` (never written), so its imports resolve from `baseDir`'s node_modules,
 * with the compiler options of `tsconfigPath`. Only the blocks' own diagnostics are reported.
 *
 * @returns the diagnostics of each block, in the order of `blocks`
 */
export function compileSnippets(
  blocks: readonly CodeBlock[],
  tsconfigPath: string,
): SnippetDiagnostic[][] {
  const config = ts.readConfigFile(tsconfigPath, (path) => ts.sys.readFile(path));
  if (config.error !== undefined) throw new Error(flatten(config.error.messageText));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(tsconfigPath));
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true };

  const snippetDir = join(dirname(tsconfigPath), '.snippets');
  const files = new Map<string, string>();
  const paths = blocks.map((block, index) => {
    const path = join(
      snippetDir,
      `${block.file.replaceAll(/[^A-Za-z0-9]+/g, '-')}-${block.line}-${index}.ts`,
    );
    // `export {}` keeps each block a module of its own, so blocks never share globals.
    files.set(path, `${block.code}\nexport {};\n`);
    return path;
  });

  // The default host, with the blocks served from memory.
  const disk = ts.createCompilerHost(options);
  const host: ts.CompilerHost = {
    ...disk,
    fileExists: (path) => files.has(path) || disk.fileExists(path),
    readFile: (path) => files.get(path) ?? disk.readFile(path),
    getSourceFile: (path, language, ...rest) => {
      const text = files.get(path);
      return text === undefined
        ? disk.getSourceFile(path, language, ...rest)
        : ts.createSourceFile(path, text, language);
    },
  };

  const program = ts.createProgram({ rootNames: paths, options, host });
  const global = program.getOptionsDiagnostics().concat(program.getGlobalDiagnostics());
  if (global.length > 0)
    throw new Error(global.map((diagnostic) => flatten(diagnostic.messageText)).join('\n'));

  return paths.map((path, index) => {
    const source = program.getSourceFile(path);
    const block = blocks[index];
    if (source === undefined || block === undefined)
      throw new Error(`${path} is not in the program`);
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    return diagnostics.map((diagnostic) => {
      const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      return {
        where: `${block.file}:${block.line + line}:${character + 1}`,
        message: flatten(diagnostic.messageText),
      };
    });
  });
}

function flatten(message: string | ts.DiagnosticMessageChain): string {
  return ts.flattenDiagnosticMessageText(message, '\n');
}
