import type { AddressInfo } from 'node:net';
import protobuf from 'protobufjs';
import { WebSocketServer, type WebSocket } from 'ws';

// The node-sdk reads 64-bit fields as plain numbers: it unsets protobufjs's Long for the whole
// process when it loads. The fake does the same, so frames read alike whichever loads first.
protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();

/** Lark's long-connection frames (pbbp2), as the node-sdk reads and writes them. */
const schema = protobuf.parse(`
  syntax = "proto2";
  package pbbp2;
  message Header { required string key = 1; required string value = 2; }
  message Frame {
    required uint64 SeqID = 1;
    required uint64 LogID = 2;
    required int32 service = 3;
    required int32 method = 4;
    repeated Header headers = 5;
    optional string payload_encoding = 6;
    optional string payload_type = 7;
    optional bytes payload = 8;
    optional string LogIDNew = 9;
  }
`).root;
const Frame = schema.lookupType('pbbp2.Frame');

interface FrameMessage {
  method: number;
  headers: { key: string; value: string }[];
  payload?: Uint8Array;
}

/**
 * The server end of Lark's long connection on 127.0.0.1: it hands events to the connected client
 * as data frames and collects the client's answers (the same frame, with `{code, data}` as payload).
 */
export class FakeLongConnection {
  private server!: WebSocketServer;
  private client: WebSocket | undefined;
  private readonly answers = new Map<string, (answer: { code: number; data?: unknown }) => void>();
  private next = 1;
  url = '';

  async start(): Promise<void> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => this.server.once('listening', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `ws://127.0.0.1:${port}/ws?device_id=fake&service_id=1`;
    this.server.on('connection', (socket) => {
      this.client = socket;
      socket.on('message', (data) => this.answered(data as Buffer));
    });
  }

  connected(): boolean {
    return this.client !== undefined;
  }

  /** Sends one event (a v2 envelope) and resolves with the client's answer to it. */
  send(envelope: object): Promise<{ code: number; data?: unknown }> {
    const id = `msg-${this.next++}`;
    const frame = Frame.fromObject({
      SeqID: this.next,
      LogID: this.next,
      service: 1,
      method: 1,
      headers: [
        { key: 'type', value: 'event' },
        { key: 'message_id', value: id },
        { key: 'sum', value: '1' },
        { key: 'seq', value: '0' },
        { key: 'trace_id', value: id },
      ],
      payload: Buffer.from(JSON.stringify(envelope)),
    });
    if (!this.client) {
      return Promise.reject(new Error('no client is connected to the long connection'));
    }
    const bytes = Frame.encode(frame).finish();
    // As Lark does, an event not answered is sent again (to the connection open then): a client
    // that is still setting up its connection can miss the first; the bot acts on an event once.
    return new Promise((resolve) => {
      const again = setInterval(() => this.client?.send(bytes), 2_000);
      this.answers.set(id, (answer) => {
        clearInterval(again);
        resolve(answer);
      });
      this.client?.send(bytes);
    });
  }

  private answered(data: Buffer) {
    const frame = Frame.toObject(Frame.decode(data)) as FrameMessage;
    if (frame.method !== 1) return;
    const id = frame.headers.find((h) => h.key === 'message_id')?.value ?? '';
    const answer = JSON.parse(Buffer.from(frame.payload ?? []).toString()) as {
      code: number;
      data?: string;
    };
    this.answers.get(id)?.({
      code: answer.code,
      data: answer.data ? JSON.parse(Buffer.from(answer.data, 'base64').toString()) : undefined,
    });
  }

  stop(): Promise<void> {
    for (const socket of this.server.clients) socket.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
