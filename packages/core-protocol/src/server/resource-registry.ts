import type {
  Annotations,
  Icon,
  InputRequiredResult,
  ReadResourceResult,
  Resource,
  ResourceTemplate,
} from '@tern/schema';
import { UriTemplate } from '../shared/uri-template.js';
import type { CacheHint } from './cache-hint.js';
import { checkCacheHint } from './cache-hint.js';
import { readScopes } from './access-policy.js';
import type { CompletionCallback } from './prompt-registry.js';
import type { RequestContext } from './request-context.js';
import { usageError } from '../errors.js';

/**
 * What a resource handler returns: the contents. `resultType` is added, and so are the caching
 * hints when the handler gives none.
 */
export interface ResourceContents {
  contents: ReadResourceResult['contents'];
  ttlMs?: number;
  cacheScope?: ReadResourceResult['cacheScope'];
  _meta?: Record<string, unknown>;
  resultType?: 'complete';
}

type MaybePromise<T> = T | Promise<T>;

/** Reads a fixed resource. */
export type ResourceHandler = (
  uri: string,
  context: RequestContext,
) => MaybePromise<ResourceContents | InputRequiredResult>;

/** Reads a resource of a template; `variables` are the values matched from the URI. */
export type ResourceTemplateHandler = (
  uri: string,
  variables: Record<string, string | string[]>,
  context: RequestContext,
) => MaybePromise<ResourceContents | InputRequiredResult>;

/** Metadata of a fixed resource. */
export interface ResourceConfig {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  size?: number;
  annotations?: Annotations;
  icons?: Icon[];
  _meta?: Record<string, unknown>;
  /** Caching hints for reads of this resource; default: the server's `cache.read`. */
  cache?: CacheHint;
  /**
   * OAuth scopes a caller needs to list and read this resource (for a template: every resource it
   * matches or lists); as `ToolConfig.scopes`.
   */
  scopes?: readonly string[];
}

/** Metadata of a resource template (RFC 6570). */
export interface ResourceTemplateConfig extends Omit<ResourceConfig, 'uri' | 'size'> {
  uriTemplate: string;
  /** Lists the concrete resources of this template for `resources/list`, if they can be listed. */
  list?: (context: RequestContext) => MaybePromise<Resource[]>;
  /** Completion for template variables, by variable name. */
  complete?: Record<string, CompletionCallback>;
}

/** A registered fixed resource. */
export interface RegisteredResource {
  readonly kind: 'resource';
  readonly definition: Resource;
  readonly handler: ResourceHandler;
  readonly cache: CacheHint | undefined;
  readonly scopes: readonly string[] | undefined;
}

/** A registered template. */
export interface RegisteredTemplate {
  readonly kind: 'template';
  readonly definition: ResourceTemplate;
  readonly template: UriTemplate;
  readonly config: ResourceTemplateConfig;
  readonly handler: ResourceTemplateHandler;
  readonly cache: CacheHint | undefined;
  readonly scopes: readonly string[] | undefined;
}

/** The result of looking up a URI. */
export type ResourceMatch =
  | { resource: RegisteredResource; variables?: undefined }
  | { resource: RegisteredTemplate; variables: Record<string, string | string[]> };

/** Fixed resources and templates, each in registration order. */
export class ResourceRegistry {
  readonly #resources = new Map<string, RegisteredResource>();
  readonly #templates = new Map<string, RegisteredTemplate>();

  /** @throws SdkError INVALID_USAGE for a duplicate URI or a URI that is not absolute */
  addResource(config: ResourceConfig, handler: ResourceHandler): RegisteredResource {
    if (this.#resources.has(config.uri)) throw usageError(`A resource "${config.uri}" is already registered`);
    if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(config.uri)) {
      throw usageError(`Resource URI "${config.uri}" must be absolute (RFC 3986)`);
    }
    const { cache, scopes, ...metadata } = config;
    const resource: RegisteredResource = {
      kind: 'resource',
      definition: metadata,
      handler,
      cache: cache === undefined ? undefined : checkCacheHint(cache),
      scopes: readScopes(`Resource "${config.uri}"`, scopes),
    };
    this.#resources.set(config.uri, resource);
    return resource;
  }

  /** @throws SdkError INVALID_USAGE for a duplicate or malformed template */
  addTemplate(config: ResourceTemplateConfig, handler: ResourceTemplateHandler): RegisteredTemplate {
    if (this.#templates.has(config.name)) {
      throw usageError(`A resource template named "${config.name}" is already registered`);
    }
    const { cache, scopes, list: _list, complete: _complete, ...metadata } = config;
    const template: RegisteredTemplate = {
      kind: 'template',
      definition: metadata,
      template: new UriTemplate(config.uriTemplate),
      config,
      handler,
      cache: cache === undefined ? undefined : checkCacheHint(cache),
      scopes: readScopes(`Resource template "${config.name}"`, scopes),
    };
    this.#templates.set(config.name, template);
    return template;
  }

  removeResource(uri: string): boolean {
    return this.#resources.delete(uri);
  }

  removeTemplate(name: string): boolean {
    return this.#templates.delete(name);
  }

  /**
   * Finds the fixed resource with this URI, else the first template that matches it. A template
   * match whose decoded variables hold a `..` path segment or a control character is no match
   * (security checklist F2): handlers that turn variables into paths never see a traversal.
   */
  match(uri: string): ResourceMatch | undefined {
    const resource = this.#resources.get(uri);
    if (resource !== undefined) return { resource };
    for (const template of this.#templates.values()) {
      const variables = template.template.match(uri);
      if (variables !== undefined && Object.values(variables).every(isSafeVariable)) {
        return { resource: template, variables };
      }
    }
    return undefined;
  }

  /** Finds a template by its URI template string (for completion references). */
  templateByUri(uriTemplate: string): RegisteredTemplate | undefined {
    for (const template of this.#templates.values()) {
      if (template.definition.uriTemplate === uriTemplate) return template;
    }
    return undefined;
  }

  get isEmpty(): boolean {
    return this.#resources.size === 0 && this.#templates.size === 0;
  }

  resources(): Resource[] {
    return [...this.#resources.values()].map((resource) => resource.definition);
  }

  /** The registered fixed resources, in registration order. */
  fixed(): RegisteredResource[] {
    return [...this.#resources.values()];
  }

  templates(): RegisteredTemplate[] {
    return [...this.#templates.values()];
  }
}

const TRAVERSAL = /(?:^|[/\\])\.\.(?:[/\\]|$)/;
const CONTROL = /[\u0000-\u001f\u007f]/;

function isSafeVariable(value: string | string[]): boolean {
  const values = Array.isArray(value) ? value : [value];
  return values.every((entry) => !TRAVERSAL.test(entry) && !CONTROL.test(entry));
}
