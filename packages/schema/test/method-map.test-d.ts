import { describe, expectTypeOf, it } from 'vitest';
import type {
  CallToolResult,
  ClientMethod,
  ElicitResult,
  GetPromptResult,
  HandlerParamsFor,
  HandlerResultFor,
  InputRequiredResult,
  InputResponseFor,
  ListToolsResult,
  ReadResourceResult,
  RequestParamsFor,
  ResultFor,
  ServerNotificationParamsFor,
} from '../src/index.js';
import type {
  InitializeResult,
  LegacyCallToolResult,
  LegacyClientMethod,
  LegacyElicitResult,
  LegacyRequestParamsFor,
  LegacyResultFor,
  LegacyServerRequestParamsFor,
  LegacyServerRequestResultFor,
} from '../src/legacy/index.js';

describe('ResultFor', () => {
  it('is the final result or InputRequiredResult for the MRTR methods', () => {
    expectTypeOf<ResultFor<'tools/call'>>().toEqualTypeOf<CallToolResult | InputRequiredResult>();
    expectTypeOf<ResultFor<'prompts/get'>>().toEqualTypeOf<GetPromptResult | InputRequiredResult>();
    expectTypeOf<ResultFor<'resources/read'>>().toEqualTypeOf<
      ReadResourceResult | InputRequiredResult
    >();
  });

  it('is the plain result elsewhere', () => {
    expectTypeOf<ResultFor<'tools/list'>>().toEqualTypeOf<ListToolsResult>();
  });

  it('narrows on resultType', () => {
    const result = {} as ResultFor<'tools/call'>;
    if (result.resultType === 'complete') expectTypeOf(result.content).toBeArray();
    else expectTypeOf(result.requestState).toEqualTypeOf<string | undefined>();
  });
});

describe('RequestParamsFor', () => {
  it('includes an optional cursor on tools/list', () => {
    expectTypeOf<RequestParamsFor<'tools/list'>>().toHaveProperty('cursor');
    expectTypeOf<RequestParamsFor<'tools/list'>['cursor']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<{
      _meta: {
        'io.modelcontextprotocol/protocolVersion': string;
        'io.modelcontextprotocol/clientCapabilities': Record<string, never>;
      };
    }>().toExtend<RequestParamsFor<'tools/list'>>();
  });

  it('requires _meta', () => {
    expectTypeOf<{ cursor: string }>().not.toExtend<RequestParamsFor<'tools/list'>>();
  });
});

describe('HandlerParamsFor', () => {
  it('gives a handler the parsed params', () => {
    expectTypeOf<HandlerParamsFor<'tools/call'>['name']>().toEqualTypeOf<string>();
  });
});

describe('HandlerResultFor', () => {
  it('lets a tools/call handler return input_required', () => {
    expectTypeOf<{ resultType: 'input_required'; requestState: string }>().toExtend<
      HandlerResultFor<'tools/call'>
    >();
  });
});

describe('ClientMethod', () => {
  it('contains the 2026 methods and not the removed ones', () => {
    expectTypeOf<'server/discover'>().toExtend<ClientMethod>();
    expectTypeOf<'initialize'>().not.toExtend<ClientMethod>();
    expectTypeOf<'ping'>().not.toExtend<ClientMethod>();
  });
});

describe('ServerNotificationParamsFor', () => {
  it('types the progress params', () => {
    expectTypeOf<
      ServerNotificationParamsFor<'notifications/progress'>['progress']
    >().toEqualTypeOf<number>();
  });
});

describe('InputResponseFor', () => {
  it('is the ElicitResult for elicitation/create', () => {
    expectTypeOf<InputResponseFor<'elicitation/create'>>().toEqualTypeOf<ElicitResult>();
  });
});

describe('LegacyResultFor', () => {
  it('has no resultType on legacy results', () => {
    expectTypeOf<LegacyResultFor<'tools/call'>>().toEqualTypeOf<LegacyCallToolResult>();
    expectTypeOf<LegacyResultFor<'initialize'>>().toEqualTypeOf<InitializeResult>();
    expectTypeOf<'ping'>().toExtend<LegacyClientMethod>();
  });

  it('lets legacy params omit _meta', () => {
    expectTypeOf<{ name: string }>().toExtend<LegacyRequestParamsFor<'tools/call'>>();
  });
});

describe('LegacyServerRequestParamsFor', () => {
  it('requires elicitationId on URL-mode elicitations', () => {
    expectTypeOf<{ mode: 'url'; message: string; url: string }>().not.toExtend<
      LegacyServerRequestParamsFor<'elicitation/create'>
    >();
    expectTypeOf<
      LegacyServerRequestResultFor<'elicitation/create'>
    >().toEqualTypeOf<LegacyElicitResult>();
  });
});
