/**
 * Answers an elicitation form without a human: each field gets its `default`, else the first
 * `enum`/`oneOf` choice, else a plain value of its type. Good enough for the suite's confirmation
 * forms; a real host shows the form to the user instead.
 */
export function fillForm(requestedSchema: {
  properties?: Record<string, unknown>;
}): Record<string, string | number | boolean | string[]> {
  const content: Record<string, string | number | boolean | string[]> = {};
  for (const [name, raw] of Object.entries(requestedSchema.properties ?? {})) {
    const field = raw as {
      type?: string;
      default?: unknown;
      enum?: unknown[];
      oneOf?: { const?: unknown }[];
      items?: { enum?: unknown[]; anyOf?: { const?: unknown }[] };
    };
    if (isFieldValue(field.default)) content[name] = field.default;
    else if (typeof field.enum?.[0] === 'string') content[name] = field.enum[0];
    else if (typeof field.oneOf?.[0]?.const === 'string') content[name] = field.oneOf[0].const;
    else if (field.type === 'boolean') content[name] = true;
    else if (field.type === 'number' || field.type === 'integer') content[name] = 1;
    else if (field.type === 'array') content[name] = [];
    else content[name] = 'yes';
  }
  return content;
}

function isFieldValue(value: unknown): value is string | number | boolean | string[] {
  return (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    (Array.isArray(value) && value.every((item) => typeof item === 'string'))
  );
}
