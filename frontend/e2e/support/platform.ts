import { expect, type APIRequestContext } from '@playwright/test';
import { crc32, deflateSync } from 'node:zlib';

/** The running platform's REST API, as the host would drive it (the host app comes next). */
export class Platform {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  static async signIn(request: APIRequestContext): Promise<Platform> {
    const response = await request.post('/api/auth/login', { data: { email: 'demo@vanguard.local', password: 'vanguard-demo-1' } });
    expect(response.status(), await response.text()).toBe(200);
    return new Platform(request, ((await response.json()) as { accessToken: string }).accessToken);
  }

  private get headers() {
    return { Authorization: `Bearer ${this.token}` };
  }

  async call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, data?: unknown, expected: number[] = [200, 201, 204]): Promise<T> {
    const response = await this.request.fetch(path, { method, headers: this.headers, data });
    expect(expected, `${method} ${path}: ${response.status()} ${await response.text()}`).toContain(response.status());
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async uploadImage(): Promise<string> {
    const response = await this.request.post('/api/quizzes/images', {
      headers: this.headers,
      multipart: { file: { name: 'flag.png', mimeType: 'image/png', buffer: stripedPng(240, 160) } },
    });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { url: string }).url;
  }
}

/** A small real PNG (three vertical stripes), so a question can show a picture. */
function stripedPng(width: number, height: number): Buffer {
  const stripes = [
    [0, 85, 164],
    [255, 255, 255],
    [239, 65, 53],
  ];
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    rows[row] = 0;
    for (let x = 0; x < width; x++) {
      const [r, g, b] = stripes[Math.min(2, Math.floor((x * 3) / width))]!;
      rows.set([r!, g!, b!], row + 1 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
