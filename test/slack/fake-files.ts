import type { Express } from 'express';

/** A file as Slack describes it in files.info, a `file_share` message and a `file_input`'s state. */
export interface SlackFile {
  id: string;
  created: number;
  timestamp: number;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  size: number;
  user: string;
  mode: 'hosted' | 'external';
  url_private: string;
  url_private_download: string;
}

/**
 * The files people uploaded to the fake Slack. As on Slack, a file's bytes are served at its
 * `url_private_download` only to a request that carries the bot token as a bearer token; any
 * other request is sent to the sign-in page, an HTML page a careless client would keep as the file.
 */
export class FakeFiles {
  private readonly files = new Map<string, { file: SlackFile; bytes: Buffer }>();
  /** Every request for a file's bytes, and whether it carried the bot token. */
  readonly downloads: { id: string; authorized: boolean }[] = [];
  /** Files whose next download stops halfway and never ends, as a stalled connection does. */
  private readonly stalled = new Set<string>();
  /** Files whose next download is a web page instead (`pageForNextDownload`). */
  private readonly paged = new Set<string>();
  private next = 0;

  constructor(
    private readonly base: () => string,
    private readonly botToken: string,
  ) {}

  /** What Slack keeps when `user` uploads a file from their client (in a DM or a modal). */
  upload(user: string, name: string, bytes: Buffer, mimetype = 'application/octet-stream') {
    const id = `F0UP${String(++this.next).padStart(6, '0')}`;
    const at = `${this.base()}/files-pri/T1-${id}`;
    const escaped = encodeURIComponent(name);
    const file: SlackFile = {
      id,
      created: 1764590000 + this.next,
      timestamp: 1764590000 + this.next,
      name,
      title: name,
      mimetype,
      filetype: name.split('.').pop() ?? 'binary',
      size: bytes.length,
      user,
      mode: 'hosted',
      url_private: `${at}/${escaped}`,
      url_private_download: `${at}/download/${escaped}`,
    };
    this.files.set(id, { file, bytes });
    return file;
  }

  /** A link `user` added from another service (Google Drive, say): Slack holds no bytes of it. */
  linkExternal(user: string, name: string, url: string) {
    const file = this.upload(user, name, Buffer.alloc(0));
    Object.assign(file, { mode: 'external', url_private: url, url_private_download: url });
    return file;
  }

  stallNextDownload(id: string): void {
    this.stalled.add(id);
  }

  /** The next download of the file answers 200 with a web page (a portal, an error), not it. */
  pageForNextDownload(id: string): void {
    this.paged.add(id);
  }

  /** files.info's answer: the file, or Slack's error for an id it does not know. */
  info(id: string): Record<string, unknown> {
    const kept = this.files.get(id);
    if (!kept) return { ok: false, error: 'file_not_found' };
    return { file: kept.file, comments: [], response_metadata: { next_cursor: '' } };
  }

  routes(app: Express): void {
    app.get('/files-pri/:owner/download/:name', (req, res) => {
      const id = String(req.params.owner).replace(/^T1-/, '');
      const authorized = req.get('authorization') === `Bearer ${this.botToken}`;
      this.downloads.push({ id, authorized });
      const kept = this.files.get(id);
      if (!authorized || !kept) {
        res.redirect(302, `${this.base()}/signin?redir=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      if (this.paged.delete(id)) {
        res.type('html').send('<!DOCTYPE html><html><body>Something went wrong</body></html>');
        return;
      }
      res.set('content-type', kept.file.mimetype);
      if (this.stalled.delete(id)) {
        res.set('content-length', String(kept.bytes.length));
        res.write(kept.bytes.subarray(0, kept.bytes.length >> 1));
        return;
      }
      res.send(kept.bytes);
    });
    app.get('/signin', (_req, res) => {
      res.type('html').send('<!DOCTYPE html><html><body>Sign in to Slack</body></html>');
    });
  }
}
