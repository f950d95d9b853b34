/**
 * Arguments for calling a tool the scenario did not describe: every required property gets its
 * `default`, `const` or first `enum` value, else a plain value of its type.
 */
export function sampleArguments(inputSchema: Record<string, unknown>): Record<string, unknown> {
  const required: unknown[] = Array.isArray(inputSchema['required']) ? inputSchema['required'] : [];
  const properties = (inputSchema['properties'] ?? {}) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const name of required) {
    if (typeof name !== 'string') continue;
    const property = (properties[name] ?? {}) as {
      type?: unknown;
      default?: unknown;
      const?: unknown;
      enum?: unknown[];
    };
    if (property.default !== undefined) args[name] = property.default;
    else if (property.const !== undefined) args[name] = property.const;
    else if (property.enum !== undefined && property.enum.length > 0) args[name] = property.enum[0];
    else args[name] = sampleOfType(property.type);
  }
  return args;
}

function sampleOfType(type: unknown): unknown {
  switch (type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'object':
      return {};
    case 'array':
      return [];
    case 'null':
      return null;
    default:
      return 'example';
  }
}
