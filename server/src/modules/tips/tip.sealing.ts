import type { Deps } from '../../platform/deps.ts';
import { openBytes, openFile, openJson, sealBytes, sealFile, sealJson } from '../../platform/envelope.ts';

export type TipBody = {
  what: string;
  place: string | null;
  when: string | null;
  who: string | null;
  lat: number | null;
  lng: number | null;
};
export type TipContact = { name: string | null; phone: string | null; address: string | null; refusalReason?: string | null };

/** Seals and opens the parts of one tip with its own data key; every value is bound to the tip and its role. */
export class TipSeal {
  private constructor(
    private readonly tipId: string,
    private readonly key: Uint8Array,
    readonly wrappedKey: string,
  ) {}

  static forNewTip(deps: Pick<Deps, 'envelope'>, tipId: string): TipSeal {
    const { key, wrapped } = deps.envelope.newDataKey(tipId);
    return new TipSeal(tipId, key, wrapped);
  }

  static forTip(deps: Pick<Deps, 'envelope'>, tip: { id: string; dataKey: string }): TipSeal {
    return new TipSeal(tip.id, deps.envelope.unwrap(tip.dataKey, tip.id), tip.dataKey);
  }

  sealBody(body: TipBody): string {
    return sealJson(this.key, body, `${this.tipId}:body`);
  }
  openBody(sealed: string): TipBody {
    return openJson<TipBody>(this.key, sealed, `${this.tipId}:body`);
  }
  sealContact(contact: TipContact): string {
    return sealJson(this.key, contact, `${this.tipId}:contact`);
  }
  openContact(sealed: string): TipContact {
    return openJson<TipContact>(this.key, sealed, `${this.tipId}:contact`);
  }
  sealMessage(messageId: string, body: string): string {
    return sealBytes(this.key, new TextEncoder().encode(body), `${this.tipId}:message:${messageId}`);
  }
  openMessage(messageId: string, sealed: string): string {
    return new TextDecoder().decode(openBytes(this.key, sealed, `${this.tipId}:message:${messageId}`));
  }
  sealFileName(fileId: string, name: string): string {
    return sealBytes(this.key, new TextEncoder().encode(name), `${this.tipId}:file-name:${fileId}`);
  }
  openFileName(fileId: string, sealed: string): string {
    return new TextDecoder().decode(openBytes(this.key, sealed, `${this.tipId}:file-name:${fileId}`));
  }
  sealFile(fileId: string, bytes: Uint8Array): Buffer {
    return sealFile(this.key, bytes, `${this.tipId}:file:${fileId}`);
  }
  openFile(fileId: string, sealed: Uint8Array): Buffer {
    return openFile(this.key, sealed, `${this.tipId}:file:${fileId}`);
  }
}
