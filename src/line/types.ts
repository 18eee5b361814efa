// Types the LINE room takes from its callers.
import type { Contact, MunicipalityId } from '../knowledge/index.js';

// The municipalities the bot offers; pass the knowledge snapshot's list (it carries contact too).
export interface MunicipalityInfo {
  id: MunicipalityId;
  name: string; // 東久留米市
  shortName?: string; // 東久留米
  aliases?: readonly string[]; // kana and romaji: a resident may type any of them
  contact?: Contact;
}

// What the builders need besides the answer itself.
export interface ReplyContext {
  question: string; // the resident's question, carried in postback data for 出典 / 他の自治体 / 窓口
  municipalities: MunicipalityInfo[];
}
