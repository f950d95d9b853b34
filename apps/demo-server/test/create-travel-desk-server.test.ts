import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChangeEvent, RoundEvent } from '@tern/core-protocol';
import { describe, expect, it, vi } from 'vitest';
import { HOME_PAGE_TOOLS } from '../src/http/home-page.js';
import { TravelDesk } from '../src/desk/travel-desk.js';
import { createDesk, textOf } from './helpers.js';

const TRIP = {
  checkIn: '2026-09-18',
  nights: 3,
  travellers: 2,
  room: 'superior',
  extras: ['breakfast'],
  email: 'ada@example.com',
};

describe('createTravelDeskServer', () => {
  it('lists the tools the home page describes, in the same order', async () => {
    const { client } = createDesk();
    const tools = await client.listAllTools();
    expect(tools.map((tool) => tool.name)).toEqual(HOME_PAGE_TOOLS.map(([name]) => name));
  });

  it('books a trip in three requests, placing the hold once and announcing the booking', async () => {
    const { desk, server, client } = createDesk({
      elicitForm: (params, info) =>
        info.key === 'trip-details'
          ? { action: 'accept', content: TRIP }
          : { action: 'accept', content: { confirm: true } },
    });
    const placeHold = vi.spyOn(desk, 'placeHold');
    const events: ChangeEvent[] = [];
    server.changeBus.subscribe((event) => events.push(event));
    const rounds: RoundEvent[] = [];

    const result = await client.callTool(
      'book_trip',
      { city: 'lisbon' },
      { onRound: (event) => rounds.push(event) },
    );

    expect(rounds.map((round) => Object.keys(round.inputRequests))).toEqual([
      ['trip-details'],
      ['confirm-price'],
    ]);
    // The home page counts them as the clients report them.
    const described = HOME_PAGE_TOOLS.find(([name]) => name === 'book_trip')?.[1];
    expect(described).toContain(`${['no', 'one', 'two', 'three'][rounds.length]} rounds of input`);
    expect(placeHold).toHaveBeenCalledTimes(1);
    expect(result.structuredContent).toMatchObject({
      bookingId: expect.stringMatching(/^TRP-1001-[0-9A-F]{10}$/),
      city: 'lisbon',
      priceEur: 554,
    });
    expect(desk.bookings()).toHaveLength(1);
    expect(events).toEqual([
      { type: 'resources/list_changed' },
      { type: 'resources/updated', uri: 'trips://bookings' },
    ]);
  });

  it('books once when a client replays the last round', async () => {
    // Driven by hand; the handler only makes the client declare form elicitation.
    const { desk, client } = createDesk({ elicitForm: () => ({ action: 'cancel' }) });
    let step = await client.startConversation('tools/call', {
      name: 'book_trip',
      arguments: { city: 'porto' },
    });
    if (step.status !== 'input_required') throw new Error('expected a form');
    step = await client.continueConversation(step.pending, {
      'trip-details': { action: 'accept', content: TRIP },
    });
    if (step.status !== 'input_required') throw new Error('expected the price');
    const last = step.pending;
    const answer = { 'confirm-price': { action: 'accept' as const, content: { confirm: true } } };

    const first = await client.continueConversation(last, answer);
    const replay = await client.continueConversation(last, answer);

    expect(first.status).toBe('complete');
    expect(replay).toEqual(first);
    expect(desk.bookings()).toHaveLength(1);
  });

  it('releases the hold when the price is declined', async () => {
    const { desk, client } = createDesk({
      elicitForm: (_params, info) =>
        info.key === 'trip-details' ? { action: 'accept', content: TRIP } : { action: 'decline' },
    });
    const release = vi.spyOn(desk, 'releaseHold');
    const result = await client.callTool('book_trip', { city: 'vienna' });
    expect(textOf(result)).toMatch(/^Released hold H-[0-9A-F]{8}; nothing was booked\.$/);
    expect(release).toHaveBeenCalledTimes(1);
    expect(desk.bookings()).toEqual([]);
  });

  it('reports progress while searching flights', async () => {
    const { client } = createDesk();
    const progress: number[] = [];
    const result = await client.callTool(
      'search_flights',
      { from: 'berlin', to: 'prague', date: '2026-05-01' },
      { onProgress: (update) => progress.push(update.progress) },
    );
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect((result.structuredContent as { offers: unknown[] }).offers).toHaveLength(4);
  });

  it('links a loyalty account once the sign-in page was completed', async () => {
    const { desk, client } = createDesk({
      elicitUrl: (params) => {
        const code = new URL(String(params.url)).searchParams.get('code') ?? '';
        desk.completeLoyaltyLink(code, 'HC-4242');
        return { action: 'accept' };
      },
      elicitForm: () => ({ action: 'accept', content: { done: true } }),
    });
    const result = await client.callTool('connect_loyalty', { programme: 'harbour-club' });
    expect(textOf(result)).toBe('Linked Harbour Club Hotels account ••••4242 to your trips.');
  });

  it('asks again, under a new key, while the sign-in page is not completed', async () => {
    const keys: string[] = [];
    const { client } = createDesk({
      elicitUrl: () => ({ action: 'accept' }),
      elicitForm: (_params, info) => {
        keys.push(info.key);
        return { action: 'accept', content: { done: true } };
      },
    });
    const result = await client.callTool('connect_loyalty', { programme: 'tern-miles' });
    expect(keys).toEqual(['signed-in-1', 'signed-in-2', 'signed-in-3']);
    expect(textOf(result)).toBe('Tern Miles was not linked: the sign-in page was not completed.');
  });

  it("drafts an itinerary with the client's model", async () => {
    const { client } = createDesk({
      sample: (params) => {
        const first = params.messages[0]?.content;
        const text =
          first !== undefined && !Array.isArray(first) && first.type === 'text' ? first.text : '';
        return {
          role: 'assistant',
          content: { type: 'text', text: `echo: ${text.slice(0, 20)}` },
          model: 'echo',
        };
      },
    });
    const result = await client.callTool('suggest_itinerary', { city: 'porto', days: 1 });
    expect(textOf(result)).toBe(
      'Itinerary for Porto (drafted by echo):\necho: Plan 1 day(s) in Por',
    );
  });

  it('exports a booking into the first root that is a local folder', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'desk-test-'));
    try {
      const { desk, client } = createDesk({
        listRoots: () => [
          { uri: 'https://example.com/not-a-folder' },
          { uri: pathToFileURL(folder).href },
        ],
      });
      const hold = desk.placeHold({
        city: 'berlin',
        checkIn: '2026-03-01',
        nights: 2,
        travellers: 1,
        room: 'standard',
        extras: [],
      });
      const booking = desk.confirm(hold.id, 'ada@example.com')?.booking;
      const result = await client.callTool('export_itinerary', { bookingId: booking?.id });
      const file = join(folder, `${booking?.id}.ics`);
      expect(result.structuredContent).toEqual({ bookingId: booking?.id, file });
      expect(await readFile(file, 'utf8')).toContain(
        'DTSTART;VALUE=DATE:20260301\r\nDTEND;VALUE=DATE:20260303',
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('refuses to export when the client shares no local folder', async () => {
    const { desk, client } = createDesk({ listRoots: () => [{ uri: 'https://example.com/' }] });
    const hold = desk.placeHold({
      city: 'vienna',
      checkIn: '2026-03-01',
      nights: 1,
      travellers: 1,
      room: 'standard',
      extras: [],
    });
    const booking = desk.confirm(hold.id, 'ada@example.com')?.booking;
    const result = await client.callTool('export_itinerary', { bookingId: booking?.id ?? '' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'The client shared no file:// root that is a folder on this machine.',
    );
  });

  it('completes city names and serves their guides', async () => {
    const { client } = createDesk();
    const completion = await client.complete({
      ref: { type: 'ref/resource', uri: 'trips://{city}/guide' },
      argument: { name: 'city', value: 'P' },
    });
    expect(completion.completion.values).toEqual(['porto', 'prague']);
    const guide = await client.readResource('trips://prague/guide');
    expect(guide.contents[0]).toMatchObject({
      mimeType: 'text/markdown',
      text: expect.stringContaining('# Prague, Czechia'),
    });
    await expect(client.readResource('trips://atlantis/guide')).rejects.toThrow(
      'No guide for atlantis',
    );
  });

  it('renders plan_weekend with the guide embedded', async () => {
    const { client } = createDesk();
    const prompt = await client.getPrompt('plan_weekend', { city: 'lisbon' });
    expect(prompt.description).toBe('A relaxed weekend in Lisbon');
    expect(prompt.messages[1]?.content).toMatchObject({
      type: 'resource',
      resource: { uri: 'trips://lisbon/guide' },
    });
  });
});

describe('issue 12, attack 8: bookings and the desk stores', () => {
  const STAY = { city: 'vienna', checkIn: '2026-03-01', nights: 1, travellers: 1, room: 'standard', extras: [] } as const;

  it('gives bookings unguessable references, and keeps a principal\'s booking from other principals', () => {
    const desk = new TravelDesk();
    const anonymous = desk.confirm(desk.placeHold({ ...STAY, extras: [] }).id, 'ada@example.com')?.booking;
    const owned = desk.confirm(desk.placeHold({ ...STAY, extras: [] }).id, 'bob@example.com', 'bob')?.booking;
    expect(anonymous?.id).toMatch(/^TRP-1001-[0-9A-F]{10}$/);
    expect(owned?.id).toMatch(/^TRP-1002-[0-9A-F]{10}$/);
    expect(desk.booking('TRP-1001', undefined)).toBeUndefined();
    expect(desk.booking(owned?.id ?? '', 'mallory')).toBeUndefined();
    expect(desk.booking(owned?.id ?? '', undefined)).toBeUndefined();
    expect(desk.booking(owned?.id ?? '', 'bob')).toBe(owned);
    expect(desk.bookingsOf(undefined)).toEqual([]);
    expect(desk.bookingsOf('mallory')).toEqual([]);
    expect(desk.bookingsOf('bob')).toEqual([owned]);
  });

  it('lists no one else\'s bookings and finds no booking by its number alone', async () => {
    const { desk, client } = createDesk();
    desk.confirm(desk.placeHold({ ...STAY, extras: [] }).id, 'ada@example.com');
    const list = await client.readResource('trips://bookings');
    expect(JSON.parse((list.contents[0] as { text: string }).text)).toEqual([]);
    await expect(client.readResource('trips://bookings/TRP-1001')).rejects.toMatchObject({ code: -32602 });
    const templates = await client.listResources();
    expect(JSON.stringify(templates)).not.toContain('TRP-1001');
  });

  it('forgets expired holds and loyalty links, and keeps at most maxPending of each', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const desk = new TravelDesk({ now: () => now, holdTtlMs: 1000, linkTtlMs: 1000, maxPending: 10 });
    for (let index = 0; index < 25; index += 1) {
      desk.placeHold({ ...STAY, extras: [] });
      desk.startLoyaltyLink('skymiles');
    }
    expect(desk.pending).toEqual({ holds: 10, links: 10 });
    const link = desk.startLoyaltyLink('skymiles');
    now += 2000;
    expect(desk.loyaltyLink(link.code)).toBeUndefined();
    expect(desk.completeLoyaltyLink(link.code, 'ABCD-1')).toBeUndefined();
    desk.sweep();
    expect(desk.pending).toEqual({ holds: 0, links: 0 });
  });
});
