import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { UriTemplate, type UriTemplateVariables } from '../../src/shared/uri-template.js';
import { SdkError } from '@tern/core-protocol';

/** The variables of RFC 6570 section 3.2. */
const rfcVariables: UriTemplateVariables = {
  count: ['one', 'two', 'three'],
  dom: ['example', 'com'],
  dub: 'me/too',
  hello: 'Hello World!',
  half: '50%',
  var: 'value',
  who: 'fred',
  base: 'http://example.com/home/',
  path: '/foo/bar',
  list: ['red', 'green', 'blue'],
  keys: { semi: ';', dot: '.', comma: ',' },
  v: '6',
  x: '1024',
  y: '768',
  empty: '',
  empty_keys: {},
  undef: null,
};

/** Every example of RFC 6570 sections 3.2.1-3.2.9. */
const rfcExamples: [string, string][] = [
  ['{count}', 'one,two,three'],
  ['{count*}', 'one,two,three'],
  ['{/count}', '/one,two,three'],
  ['{/count*}', '/one/two/three'],
  ['{;count}', ';count=one,two,three'],
  ['{;count*}', ';count=one;count=two;count=three'],
  ['{?count}', '?count=one,two,three'],
  ['{?count*}', '?count=one&count=two&count=three'],
  ['{&count*}', '&count=one&count=two&count=three'],
  ['{var}', 'value'],
  ['{hello}', 'Hello%20World%21'],
  ['{half}', '50%25'],
  ['O{empty}X', 'OX'],
  ['O{undef}X', 'OX'],
  ['{x,y}', '1024,768'],
  ['{x,hello,y}', '1024,Hello%20World%21,768'],
  ['?{x,empty}', '?1024,'],
  ['?{x,undef}', '?1024'],
  ['?{undef,y}', '?768'],
  ['{var:3}', 'val'],
  ['{var:30}', 'value'],
  ['{list}', 'red,green,blue'],
  ['{list*}', 'red,green,blue'],
  ['{keys}', 'semi,%3B,dot,.,comma,%2C'],
  ['{keys*}', 'semi=%3B,dot=.,comma=%2C'],
  ['{+var}', 'value'],
  ['{+hello}', 'Hello%20World!'],
  ['{+half}', '50%25'],
  ['{base}index', 'http%3A%2F%2Fexample.com%2Fhome%2Findex'],
  ['{+base}index', 'http://example.com/home/index'],
  ['O{+empty}X', 'OX'],
  ['O{+undef}X', 'OX'],
  ['{+path}/here', '/foo/bar/here'],
  ['here?ref={+path}', 'here?ref=/foo/bar'],
  ['up{+path}{var}/here', 'up/foo/barvalue/here'],
  ['{+x,hello,y}', '1024,Hello%20World!,768'],
  ['{+path,x}/here', '/foo/bar,1024/here'],
  ['{+path:6}/here', '/foo/b/here'],
  ['{+list}', 'red,green,blue'],
  ['{+list*}', 'red,green,blue'],
  ['{+keys}', 'semi,;,dot,.,comma,,'],
  ['{+keys*}', 'semi=;,dot=.,comma=,'],
  ['{#var}', '#value'],
  ['{#hello}', '#Hello%20World!'],
  ['{#half}', '#50%25'],
  ['foo{#empty}', 'foo#'],
  ['foo{#undef}', 'foo'],
  ['{#x,hello,y}', '#1024,Hello%20World!,768'],
  ['{#path,x}/here', '#/foo/bar,1024/here'],
  ['{#path:6}/here', '#/foo/b/here'],
  ['{#list}', '#red,green,blue'],
  ['{#list*}', '#red,green,blue'],
  ['{#keys}', '#semi,;,dot,.,comma,,'],
  ['{#keys*}', '#semi=;,dot=.,comma=,'],
  ['{.who}', '.fred'],
  ['{.who,who}', '.fred.fred'],
  ['{.half,who}', '.50%25.fred'],
  ['www{.dom*}', 'www.example.com'],
  ['X{.var}', 'X.value'],
  ['X{.empty}', 'X.'],
  ['X{.undef}', 'X'],
  ['X{.var:3}', 'X.val'],
  ['X{.list}', 'X.red,green,blue'],
  ['X{.list*}', 'X.red.green.blue'],
  ['X{.keys}', 'X.semi,%3B,dot,.,comma,%2C'],
  ['X{.keys*}', 'X.semi=%3B.dot=..comma=%2C'],
  ['X{.empty_keys}', 'X'],
  ['X{.empty_keys*}', 'X'],
  ['{/who}', '/fred'],
  ['{/who,who}', '/fred/fred'],
  ['{/half,who}', '/50%25/fred'],
  ['{/who,dub}', '/fred/me%2Ftoo'],
  ['{/var}', '/value'],
  ['{/var,empty}', '/value/'],
  ['{/var,undef}', '/value'],
  ['{/var,x}/here', '/value/1024/here'],
  ['{/var:1,var}', '/v/value'],
  ['{/list}', '/red,green,blue'],
  ['{/list*}', '/red/green/blue'],
  ['{/list*,path:4}', '/red/green/blue/%2Ffoo'],
  ['{/keys}', '/semi,%3B,dot,.,comma,%2C'],
  ['{/keys*}', '/semi=%3B/dot=./comma=%2C'],
  ['{;who}', ';who=fred'],
  ['{;half}', ';half=50%25'],
  ['{;empty}', ';empty'],
  ['{;v,empty,who}', ';v=6;empty;who=fred'],
  ['{;v,bar,who}', ';v=6;who=fred'],
  ['{;x,y}', ';x=1024;y=768'],
  ['{;x,y,empty}', ';x=1024;y=768;empty'],
  ['{;x,y,undef}', ';x=1024;y=768'],
  ['{;hello:5}', ';hello=Hello'],
  ['{;list}', ';list=red,green,blue'],
  ['{;list*}', ';list=red;list=green;list=blue'],
  ['{;keys}', ';keys=semi,%3B,dot,.,comma,%2C'],
  ['{;keys*}', ';semi=%3B;dot=.;comma=%2C'],
  ['{?who}', '?who=fred'],
  ['{?half}', '?half=50%25'],
  ['{?x,y}', '?x=1024&y=768'],
  ['{?x,y,empty}', '?x=1024&y=768&empty='],
  ['{?x,y,undef}', '?x=1024&y=768'],
  ['{?var:3}', '?var=val'],
  ['{?list}', '?list=red,green,blue'],
  ['{?list*}', '?list=red&list=green&list=blue'],
  ['{?keys}', '?keys=semi,%3B,dot,.,comma,%2C'],
  ['{?keys*}', '?semi=%3B&dot=.&comma=%2C'],
  ['{&who}', '&who=fred'],
  ['{&half}', '&half=50%25'],
  ['?fixed=yes{&x}', '?fixed=yes&x=1024'],
  ['{&x,y,empty}', '&x=1024&y=768&empty='],
  ['{&var:3}', '&var=val'],
  ['{&list}', '&list=red,green,blue'],
  ['{&list*}', '&list=red&list=green&list=blue'],
  ['{&keys}', '&keys=semi,%3B,dot,.,comma,%2C'],
  ['{&keys*}', '&semi=%3B&dot=.&comma=%2C'],
];

describe('UriTemplate', () => {
  describe('constructor', () => {
    it.each([
      ['an unclosed brace', 'file:///{path'],
      ['a stray closing brace', 'file:///path}'],
      ['nested braces', '{{x}}'],
      ['an empty expression', 'a{}b'],
      ['the reserved operator =', '{=x}'],
      ['the reserved operator !', '{!x}'],
      ['the reserved operator |', '{|x}'],
      ['an operator without a variable', '{.}'],
      ['an empty variable', '{x,}'],
      ['a space in a name', '{a b}'],
      ['a zero prefix', '{x:0}'],
      ['a prefix above 9999', '{x:10000}'],
      ['a prefix and explode together', '{x:3*}'],
      ['a dot at the end of a name', '{x.}'],
      ['more than 8 KiB of text', `/${'a'.repeat(8192)}`],
    ])('throws a usage error on %s', (_label, template) => {
      expect(() => new UriTemplate(template)).toThrow(SdkError);
    });

    it('accepts dotted and percent-encoded names', () => {
      expect(new UriTemplate('{a.b,c%20d}').variableNames).toEqual(['a.b', 'c%20d']);
    });
  });

  describe('variableNames', () => {
    it('lists each name once, in order of appearance', () => {
      expect(new UriTemplate('{a}{/b,a}{?c*}').variableNames).toEqual(['a', 'b', 'c']);
      expect(new UriTemplate('plain').variableNames).toEqual([]);
    });
  });

  describe('toString', () => {
    it('returns the template text', () => {
      expect(String(new UriTemplate('file:///{+path}'))).toBe('file:///{+path}');
    });
  });

  describe('isTemplate', () => {
    it('is true only for a valid template with an expression', () => {
      expect(UriTemplate.isTemplate('file:///{path}')).toBe(true);
      expect(UriTemplate.isTemplate('file:///plain.txt')).toBe(false);
      expect(UriTemplate.isTemplate('file:///{path')).toBe(false);
      expect(UriTemplate.isTemplate('{}')).toBe(false);
    });
  });

  describe('expand', () => {
    it.each(rfcExamples)('expands %s as RFC 6570 section 3.2 does', (template, expected) => {
      expect(new UriTemplate(template).expand(rfcVariables)).toBe(expected);
    });

    it('stringifies numbers and booleans and skips null list members', () => {
      expect(
        new UriTemplate('{/id,flag}{?n*}').expand({ id: 7, flag: true, n: [1, null, 2] }),
      ).toBe('/7/true?n=1&n=2');
    });

    it('counts prefix characters by code point and encodes UTF-8', () => {
      expect(new UriTemplate('{v:2}').expand({ v: '🙂é!' })).toBe('%F0%9F%99%82%C3%A9');
    });

    it('keeps valid percent triplets only in reserved expansion', () => {
      expect(new UriTemplate('{+v}').expand({ v: '%41%zz' })).toBe('%41%25zz');
      expect(new UriTemplate('{v}').expand({ v: '%41' })).toBe('%2541');
    });

    it('does not throw on lone surrogates', () => {
      expect(new UriTemplate('{v}').expand({ v: '\uD800' })).toBe('%EF%BF%BD');
    });

    it('ignores inherited variables', () => {
      const variables = Object.create({ v: 'inherited' }) as UriTemplateVariables;
      expect(new UriTemplate('x{v}').expand(variables)).toBe('x');
    });
  });

  describe('match', () => {
    it('matches simple variables', () => {
      const template = new UriTemplate('users://{org}/{id}');
      expect(template.match('users://acme/42')).toEqual({ org: 'acme', id: '42' });
      expect(template.match('users://acme/')).toBeUndefined();
      expect(template.match('users://acme/42/extra')).toBeUndefined();
      expect(template.match('other://acme/42')).toBeUndefined();
    });

    it('decodes percent-encoding', () => {
      expect(new UriTemplate('notes://{title}').match('notes://a%20b%2Fc%C3%A9')).toEqual({
        title: 'a b/cé',
      });
    });

    it.each(['notes://%ZZ', 'notes://%E0%A4%A', 'notes://%C0%AF', 'notes://%ED%A0%80'])(
      'refuses invalid percent-encoding in %s',
      (uri) => {
        expect(new UriTemplate('notes://{title}').match(uri)).toBeUndefined();
      },
    );

    it('matches reserved expansion across slashes', () => {
      expect(new UriTemplate('file:///{+path}').match('file:///a/b/c.txt')).toEqual({
        path: 'a/b/c.txt',
      });
      expect(new UriTemplate('file:///{+path}{?rev}').match('file:///a/b.txt?rev=3')).toEqual({
        path: 'a/b.txt',
        rev: '3',
      });
    });

    it('lets only the last variable contain the character after it', () => {
      expect(new UriTemplate('file:///{name}.json').match('file:///a.b.json')).toEqual({
        name: 'a.b',
      });
      expect(new UriTemplate('{host}.{domain}.com').match('www.example.com')).toEqual({
        host: 'www',
        domain: 'example',
      });
    });

    it('matches query parameters in any order and ignores unknown ones', () => {
      const template = new UriTemplate('search{?q,lang}');
      expect(template.match('search?q=cat&lang=en')).toEqual({ q: 'cat', lang: 'en' });
      expect(template.match('search?lang=en&q=a%20b')).toEqual({ q: 'a b', lang: 'en' });
      expect(template.match('search?q=cat&utm=x')).toEqual({ q: 'cat' });
      expect(template.match('search?q')).toEqual({ q: '' });
      expect(template.match('search')).toEqual({});
    });

    it('matches continued queries and exploded query lists', () => {
      expect(new UriTemplate('list{?page}{&tag*}').match('list?page=2&tag=a&tag=b')).toEqual({
        page: '2',
        tag: ['a', 'b'],
      });
    });

    it('matches path segments', () => {
      const template = new UriTemplate('repo{/owner,name}');
      expect(template.match('repo/tern/core')).toEqual({ owner: 'tern', name: 'core' });
      expect(template.match('repo/tern')).toEqual({ owner: 'tern' });
      expect(template.match('repo')).toEqual({});
      expect(template.match('repo/a/b/c')).toBeUndefined();
      expect(new UriTemplate('{/var,x}/here').match('/value/1024/here')).toEqual({
        var: 'value',
        x: '1024',
      });
    });

    it('matches exploded path segments as an array', () => {
      expect(new UriTemplate('files{/path*}').match('files/a/b%20c/d')).toEqual({
        path: ['a', 'b c', 'd'],
      });
      expect(new UriTemplate('files{/path*}/edit').match('files/a/b/edit')).toEqual({
        path: ['a', 'b'],
      });
    });

    it('matches path parameters, fragments and labels', () => {
      expect(new UriTemplate('map{;x,y}').match('map;y=768;x=1024')).toEqual({
        x: '1024',
        y: '768',
      });
      expect(new UriTemplate('map{;x,y}').match('map;x')).toEqual({ x: '' });
      expect(new UriTemplate('doc{#frag}').match('doc#sec%201')).toEqual({ frag: 'sec 1' });
      expect(new UriTemplate('doc{#frag}').match('doc')).toEqual({});
      expect(new UriTemplate('file{.ext}').match('file.json')).toEqual({ ext: 'json' });
      expect(new UriTemplate('www{.dom*}').match('www.example.com')).toEqual({
        dom: ['example', 'com'],
      });
    });

    it('matches a template without expressions exactly', () => {
      const template = new UriTemplate('config://app.json');
      expect(template.match('config://app.json')).toEqual({});
      expect(template.match('config://appxjson')).toBeUndefined();
    });

    it('refuses URIs longer than 8 KiB', () => {
      const template = new UriTemplate('notes://{+rest}');
      expect(template.match(`notes://${'a'.repeat(8000)}`)).toBeDefined();
      expect(template.match(`notes://${'a'.repeat(8192)}`)).toBeUndefined();
    });

    it('returns own properties even for a variable named __proto__', () => {
      const match = new UriTemplate('x/{__proto__}').match('x/y');
      expect(
        match === undefined
          ? undefined
          : Object.getOwnPropertyDescriptor(match, '__proto__')?.value,
      ).toBe('y');
      expect(Object.getPrototypeOf(match)).toBe(Object.prototype);
    });

    it.each([
      ['adjacent variables', '{a}{b}{c}{d}{e}', `${'x'.repeat(8000)}/`],
      ['dot-separated variables', '{a}.{b}.{c}.{d}.{e}.json', `${'.'.repeat(8000)}x`],
      ['dot-separated variables with letters', '{a}.{b}.{c}.{d}.{e}.json', `${'a.'.repeat(4000)}!`],
      ['optional segments', '{/a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p}x', `${'/a'.repeat(4000)}!`],
      ['exploded segments', '{/a*}{/b*}{/c*}/x', `${'/a'.repeat(4000)}!`],
      ['reserved expansions', '{+a}{+b}{+c}/{+d}', `${'/'.repeat(8000)}!`],
      ['query lists', '{?a*}{&b*}{&c*}#', `?${'a=1&'.repeat(1600)}!`],
    ])('matches hostile input against %s in linear time', (_label, source, uri) => {
      const template = new UriTemplate(source);
      const started = performance.now();
      template.match(uri);
      // Backtracking on 8,000 characters takes minutes; the wide bound keeps a loaded CI host from flaking.
      expect(performance.now() - started).toBeLessThan(1500);
    });

    it('round-trips expand then match for simple templates', () => {
      const nonEmpty = fc.string({ unit: 'binary', minLength: 1 });
      const optional = fc.string({ unit: 'binary' });
      const template = new UriTemplate('res://{a}/items/{b}{?q,lang}');
      fc.assert(
        fc.property(
          fc.record(
            { a: nonEmpty, b: nonEmpty, q: optional, lang: optional },
            { requiredKeys: ['a', 'b'] },
          ),
          (variables) => {
            expect(template.match(template.expand(variables))).toEqual(variables);
          },
        ),
      );
    });

    it('round-trips expand then match for path, label and fragment templates', () => {
      // A literal '.' in a segment would end it early: '.' is unreserved, so it is not encoded.
      const part = fc
        .string({ unit: 'grapheme', minLength: 1 })
        .filter((value) => !value.includes('.'));
      const template = new UriTemplate('repo://{+root}{/segments*}{.ext}{#frag}');
      fc.assert(
        fc.property(
          fc.record({
            root: part.filter((root) => !/[%/#]/.test(root)),
            segments: fc.array(part, { minLength: 1, maxLength: 5 }),
            ext: part,
            frag: fc.string({ unit: 'grapheme' }).filter((frag) => !frag.includes('%')),
          }),
          (variables) => {
            expect(template.match(template.expand(variables))).toEqual(variables);
          },
        ),
      );
    });

    it('never throws on arbitrary templates and URIs', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 60 }), (source, uri) => {
          let template: UriTemplate;
          try {
            template = new UriTemplate(source);
          } catch (error) {
            expect(error).toBeInstanceOf(SdkError);
            return;
          }
          template.match(uri);
          template.match(template.expand({}));
        }),
        { numRuns: 500 },
      );
    });
  });
});
