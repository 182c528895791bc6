/** A spec path template compiled for matching concrete paths. */
export interface CompiledPathTemplate {
  template: string;
  parameterNames: string[];
  pattern: RegExp;
  /** Literal segments count; more literal segments win over parameters. */
  literalSegments: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles `/v1/credentials/{id}` into a pattern capturing `id`. */
export function compilePathTemplate(template: string): CompiledPathTemplate {
  const parameterNames: string[] = [];
  const segments = template.split('/');
  const pattern = segments
    .map(segment =>
      segment.replace(/\{([^}]+)\}|[^{]+/g, (part, name?: string) => {
        if (name) {
          parameterNames.push(name);
          return '([^/]+)';
        }
        return escapeRegExp(part);
      }),
    )
    .join('/');
  return {
    template,
    parameterNames,
    pattern: new RegExp(`^${pattern}/?$`),
    literalSegments: segments.filter(s => !s.includes('{')).length,
  };
}

/**
 * Finds the template a concrete path belongs to, preferring literal segments
 * (`/v1/sddcs/validations` over `/v1/sddcs/{id}`), and returns its parameters.
 */
export function matchSpecPath(
  templates: CompiledPathTemplate[],
  path: string,
): { template: string; params: Record<string, string> } | undefined {
  let best:
    | { compiled: CompiledPathTemplate; match: RegExpExecArray }
    | undefined;
  for (const compiled of templates) {
    const match = compiled.pattern.exec(path);
    if (
      match &&
      (!best || compiled.literalSegments > best.compiled.literalSegments)
    ) {
      best = { compiled, match };
    }
  }
  if (!best) {
    return undefined;
  }
  const params: Record<string, string> = {};
  best.compiled.parameterNames.forEach((name, i) => {
    params[name] = decodeURIComponent(best!.match[i + 1]);
  });
  return { template: best.compiled.template, params };
}
