import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A chat platform over HTTP on 127.0.0.1, for a dispatcher in another process: it takes each post
 * at once, except the `holdAt`-th, which it takes (records) and never answers: that send is in
 * flight for as long as the test wants.
 */
export class FakeHttpPlatform {
  readonly received: { key: string; to: string }[] = [];
  url = '';
  private server!: Server;

  constructor(private readonly holdAt: number) {}

  async start(): Promise<void> {
    const app = express();
    app.use(express.json());
    app.post('/post', (req, res) => {
      const body = req.body as { key: string; to: string };
      this.received.push({ key: body.key, to: body.to });
      if (this.received.length !== this.holdAt) res.json({ ok: true });
    });
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/post`;
  }

  get holding(): boolean {
    return this.received.length >= this.holdAt;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
