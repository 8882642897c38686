import { describe, expect, it } from 'vitest';
import { codeInfo, sourceUrl } from '../trace/codes';
import { TC, TCP_CODES } from './codes';

describe('tcp trace codes', () => {
  it('registers every code in 400-499 with a function, a Linux file and a caption', () => {
    for (const code of Object.values(TC)) {
      const info = codeInfo(code);
      expect(info, `code ${code}`).toBeDefined();
      expect(info!.code).toBeGreaterThanOrEqual(400);
      expect(info!.code).toBeLessThan(450);
      expect(info!.repo).toBe('linux');
      expect(info!.caption.length).toBeGreaterThan(10);
      expect(sourceUrl(info!)).toMatch(/^https:\/\/elixir\.bootlin\.com\/linux\/v6\.5\/source\/net\//);
    }
    expect(new Set(TCP_CODES.map((c) => c.code)).size).toBe(TCP_CODES.length);
  });

  it('flags drops for the timeline', () => {
    expect(codeInfo(TC.DROP)!.marker).toBe('drop');
  });
});
