/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A small, self-contained HTML page (no scripts, no external assets). */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d2733; }
  code, pre { font: 14px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f1f4f8; border-radius: 4px; }
  code { padding: 0 .25rem; } pre { padding: .75rem; overflow-x: auto; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.15rem; margin-top: 1.75rem; }
  td, th { text-align: left; padding: .2rem .75rem .2rem 0; vertical-align: top; }
  input, button { font: inherit; padding: .35rem .6rem; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
