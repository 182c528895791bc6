import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { locateSpecFolder } from './locateSpecFolder';
import {
  compilePathTemplate,
  matchSpecPath,
  type CompiledPathTemplate,
} from './matchSpecPath';

/**
 * The official spec files, by what they describe.
 * @public
 */
export const SPEC_FILES = {
  /** SDDC Manager API, VCF 9.0.2 */
  sddcManager: 'sddc-manager-swagger.json',
  /** SDDC Manager and Cloud Builder API, VCF 5.2.1 */
  sddcManagerVcf52: 'sddc-manager-swagger-vcf5.2.1.json',
  /** VCF Installer API, VCF 9.0.2 */
  installer: 'vcf-installer-openapi.json',
} as const;

/**
 * Thrown by {@link createSpecValidator} when the spec folder is absent; callers
 * (tests) catch it, or call `locateSpecFolder` first, and skip.
 * @public
 */
export class SpecFolderAbsentError extends Error {
  name = 'SpecFolderAbsentError';
}

/**
 * The outcome of a validation: `errors` are readable lines such as
 * `response 200 of GET /v1/credentials: /elements/0 must have required property 'id'`.
 * @public
 */
export interface SpecValidationResult {
  valid: boolean;
  errors: string[];
}

/**
 * Checks requests and responses against one OpenAPI spec.
 * Paths are the spec paths below the API base URL (`/v1/credentials/abc`),
 * optionally with a query string.
 * @public
 */
export interface SpecValidator {
  /** Absolute path of the spec file. */
  readonly specFile: string;
  /** `info.title` and `info.version` of the spec. */
  readonly title: string;
  /** The spec's operation for a concrete method and path, if any. */
  findOperation(
    method: string,
    path: string,
  ):
    | { method: string; pathTemplate: string; params: Record<string, string> }
    | undefined;
  /** Checks that the operation exists, query parameters are known and well typed, and the body fits the request schema. */
  validateRequest(
    method: string,
    path: string,
    request?: { query?: Record<string, unknown>; body?: unknown },
  ): SpecValidationResult;
  /** Checks that the status is documented for the operation and the body fits its schema. */
  validateResponse(
    method: string,
    path: string,
    status: number,
    body: unknown,
  ): SpecValidationResult;
  /** Checks a value against `components/schemas/<schemaName>`. */
  validateSchema(schemaName: string, value: unknown): SpecValidationResult;
}

/**
 * Options of {@link createSpecValidator}.
 * @public
 */
export interface SpecValidatorOptions {
  /** Folder of the specs when `specFile` is a bare file name (default: {@link locateSpecFolder}). */
  specsDir?: string;
  /**
   * Treat every object schema that lists `properties` as closed, so that a
   * property the spec does not name is an error (the specs themselves allow
   * extra properties). Useful to catch misspelt or wrong-version field names.
   */
  rejectUnknownProperties?: boolean;
}

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { type?: string };
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: {
    required?: boolean;
    content?: Record<string, { schema?: unknown }>;
  };
  responses?: Record<
    string,
    { content?: Record<string, { schema?: unknown }> }
  >;
}

interface OpenApiDocument {
  info?: { title?: string; version?: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, unknown> };
}

const SPEC_ID = 'openapi-spec';

/** JSON pointer escaping of one reference token. */
function pointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Closes object schemas in place (see `rejectUnknownProperties`). */
function closeObjectSchemas(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(closeObjectSchemas);
    return;
  }
  if (typeof node !== 'object' || node === null) {
    return;
  }
  const schema = node as Record<string, unknown>;
  if (
    schema.type === 'object' &&
    typeof schema.properties === 'object' &&
    schema.additionalProperties === undefined &&
    !schema.allOf &&
    !schema.oneOf &&
    !schema.anyOf
  ) {
    schema.additionalProperties = false;
  }
  Object.values(schema).forEach(closeObjectSchemas);
}

function formatErrors(
  where: string,
  errors: ErrorObject[] | null | undefined,
): string[] {
  return (errors ?? []).map(e => {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (${
            (e.params as { additionalProperty: string }).additionalProperty
          })`
        : '';
    return `${where}: ${e.instancePath || '(root)'} ${e.message}${extra}`;
  });
}

function result(errors: string[]): SpecValidationResult {
  return { valid: errors.length === 0, errors };
}

/** Query values arrive as strings; turn them into the type the parameter schema names. */
function coerceQueryValue(value: unknown, type: string | undefined): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  if (
    (type === 'integer' || type === 'number') &&
    value.trim() !== '' &&
    !isNaN(Number(value))
  ) {
    return Number(value);
  }
  if (type === 'boolean' && (value === 'true' || value === 'false')) {
    return value === 'true';
  }
  return value;
}

function splitQuery(path: string): {
  path: string;
  query: Record<string, string>;
} {
  const [pathname, search] = path.split('?', 2);
  return {
    path: pathname,
    query: Object.fromEntries(new URLSearchParams(search ?? '')),
  };
}

/**
 * Creates a validator for one of the official specs, e.g.
 * `createSpecValidator(SPEC_FILES.sddcManager)`. Works from any package: a bare
 * file name is looked up in the spec folder (`$VCF_SPECS_DIR` or
 * `<repo root>/../shared/specs`). Throws {@link SpecFolderAbsentError} when the
 * folder is absent, so callers can skip.
 *
 * @example
 * ```ts
 * const validator = createSpecValidator('sddc-manager-swagger.json');
 * const check = validator.validateResponse('GET', '/v1/credentials', 200, body);
 * expect(check.errors).toEqual([]);
 * ```
 * @public
 */
export function createSpecValidator(
  specFile: string,
  options: SpecValidatorOptions = {},
): SpecValidator {
  let file = specFile;
  if (!isAbsolute(specFile)) {
    let dir = options.specsDir;
    if (!dir) {
      const location = locateSpecFolder();
      if (!location.found) {
        throw new SpecFolderAbsentError(location.reason);
      }
      dir = location.dir;
    }
    file = join(dir, specFile);
  }
  const document = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  if (options.rejectUnknownProperties) {
    closeObjectSchemas(document.paths);
    closeObjectSchemas(document.components);
  }

  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateSchema: false,
  });
  addFormats(ajv);
  ajv.addSchema(document as object, SPEC_ID);
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string): ValidateFunction => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
      compiled.set(pointer, validate);
    }
    return validate;
  };
  const templates: CompiledPathTemplate[] = Object.keys(document.paths).map(
    compilePathTemplate,
  );
  const title = `${document.info?.title ?? specFile} ${
    document.info?.version ?? ''
  }`.trim();

  const findOperation = (method: string, rawPath: string) => {
    const { path } = splitQuery(rawPath);
    const lowerMethod = method.toLowerCase();
    const candidates = templates.filter(
      t => document.paths[t.template][lowerMethod] !== undefined,
    );
    const match = matchSpecPath(candidates, path);
    return match
      ? {
          method: lowerMethod,
          pathTemplate: match.template,
          params: match.params,
        }
      : undefined;
  };

  const describeOperation = (method: string, path: string) =>
    `${method.toUpperCase()} ${path}`;

  return {
    specFile: file,
    title,
    findOperation,

    validateRequest(method, rawPath, request = {}) {
      const found = findOperation(method, rawPath);
      const label = describeOperation(method, rawPath);
      if (!found) {
        return result([`${label} is not an operation of ${title}`]);
      }
      const operation = document.paths[found.pathTemplate][found.method];
      const operationPointer = `/paths/${pointerToken(found.pathTemplate)}/${
        found.method
      }`;
      const errors: string[] = [];
      const query = { ...splitQuery(rawPath).query, ...(request.query ?? {}) };
      const parameters = operation.parameters ?? [];
      parameters.forEach((parameter, index) => {
        if (parameter.in !== 'query') {
          return;
        }
        const value = query[parameter.name];
        if (value === undefined) {
          if (parameter.required) {
            errors.push(
              `${label}: missing required query parameter "${parameter.name}"`,
            );
          }
          return;
        }
        const validate = validatorAt(
          `${operationPointer}/parameters/${index}/schema`,
        );
        if (!validate(coerceQueryValue(value, parameter.schema?.type))) {
          errors.push(
            ...formatErrors(
              `${label} query parameter "${parameter.name}"`,
              validate.errors,
            ),
          );
        }
      });
      for (const name of Object.keys(query)) {
        if (
          query[name] !== undefined &&
          !parameters.some(p => p.in === 'query' && p.name === name)
        ) {
          errors.push(`${label}: unknown query parameter "${name}"`);
        }
      }
      const jsonBody = operation.requestBody?.content?.['application/json'];
      if (request.body === undefined) {
        if (operation.requestBody?.required) {
          errors.push(`${label}: the request body is required`);
        }
      } else if (!operation.requestBody) {
        errors.push(`${label}: the operation takes no request body`);
      } else if (jsonBody?.schema) {
        const validate = validatorAt(
          `${operationPointer}/requestBody/content/application~1json/schema`,
        );
        if (!validate(request.body)) {
          errors.push(
            ...formatErrors(`${label} request body`, validate.errors),
          );
        }
      }
      return result(errors);
    },

    validateResponse(method, rawPath, status, body) {
      const found = findOperation(method, rawPath);
      const label = describeOperation(method, rawPath);
      if (!found) {
        return result([`${label} is not an operation of ${title}`]);
      }
      const responses =
        document.paths[found.pathTemplate][found.method].responses ?? {};
      const statusKey = responses[String(status)] ? String(status) : 'default';
      const response = responses[statusKey];
      if (!response) {
        return result([
          `${label}: status ${status} is not documented (documented: ${Object.keys(
            responses,
          ).join(', ')})`,
        ]);
      }
      if (!response.content?.['application/json']?.schema) {
        return result([]);
      }
      const validate = validatorAt(
        `/paths/${pointerToken(found.pathTemplate)}/${
          found.method
        }/responses/${statusKey}/content/application~1json/schema`,
      );
      return result(
        validate(body)
          ? []
          : formatErrors(`response ${status} of ${label}`, validate.errors),
      );
    },

    validateSchema(schemaName, value) {
      if (!document.components?.schemas?.[schemaName]) {
        return result([`${title} has no schema ${schemaName}`]);
      }
      const validate = validatorAt(
        `/components/schemas/${pointerToken(schemaName)}`,
      );
      return result(
        validate(value) ? [] : formatErrors(schemaName, validate.errors),
      );
    },
  };
}
