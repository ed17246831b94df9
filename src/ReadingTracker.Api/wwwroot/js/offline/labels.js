// The offline engine's words, in both UI languages: sync states with their icons and the toasts. The service
// worker's module graph has no i18n.js (it loads one dictionary with a top-level await), hence a table here.
import { pick, fill } from '../plural.js';

// Counted texts, by plural form (plural.js): Korean counters read the same for every number.
const COUNTED = {
  ko: {
    synced: '✅ 메모 {count}개를 서버에 보냈습니다.', failed: '⚠️ 메모 {count}개를 보내지 못했습니다.', pending: '전송 대기 중인 메모 {count}개',
    pendingShelf: '전송 대기 중인 서재 변경 {count}건', shelfFailed: '⚠️ 서재 변경 {count}건을 서버가 받지 않았습니다.',
    pendingTags: '전송 대기 중인 태그 변경 {count}건', tagFailed: '⚠️ 태그 변경 {count}건을 서버가 받지 않았습니다.',
  },
  en: {
    'synced.one': '✅ {count} memo synced.', 'synced.other': '✅ {count} memos synced.',
    'failed.one': '⚠️ {count} memo failed to sync.', 'failed.other': '⚠️ {count} memos failed to sync.',
    'pending.one': '{count} memo waiting to sync', 'pending.other': '{count} memos waiting to sync',
    'pendingShelf.one': '{count} shelf change waiting to sync', 'pendingShelf.other': '{count} shelf changes waiting to sync',
    'shelfFailed.one': '⚠️ {count} shelf change was not accepted.', 'shelfFailed.other': '⚠️ {count} shelf changes were not accepted.',
    'pendingTags.one': '{count} tag change waiting to sync', 'pendingTags.other': '{count} tag changes waiting to sync',
    'tagFailed.one': '⚠️ {count} tag change was not accepted.', 'tagFailed.other': '⚠️ {count} tag changes were not accepted.',
  },
};
const counted = (language, key) => (n) => fill(pick(COUNTED[language], language, key, n), { count: n });

const TEXT = {
  ko: {
    deleted: '메모가 삭제되었습니다.', history: '이전 버전', historyEmpty: '이전 버전이 없습니다.', pending: '동기화 대기 중', syncing: '동기화 중', waiting: '대기 중', failed: '동기화 실패', synced: '동기화됨',
    synced_n: counted('ko', 'synced'), failed_n: counted('ko', 'failed'), invalid: '저장되지 않음', invalidHint: '서버가 이 메모를 받지 않았습니다. 고쳐서 다시 보내거나 버리세요.',
    offline: '오프라인: 메모는 이 기기에 저장되고 연결되면 전송됩니다.',
    unreachable: '서버에 연결할 수 없습니다. 메모는 저장되어 있고 연결되면 전송됩니다.', online: '다시 연결되었습니다.',
    update: '새 버전이 있습니다.', updateNow: '업데이트', retry: '다시 시도', discard: '버리기', conflict: '다른 기기의 수정과 겹쳤습니다. 이전 내용은 기록에 있습니다.',
    pendingCount: counted('ko', 'pending'), storagePersisted: '저장소: 영구 보관', storageBestEffort: '저장소: 공간이 부족하면 브라우저가 지울 수 있음',
    storageUnknown: '저장소 상태를 알 수 없음', storageTitle: '이 기기의 오프라인 저장소', cachedCopy: '오프라인: 마지막으로 저장된 내용입니다.', authRequired: '다시 로그인하면 대기 중인 메모가 전송됩니다.',
    pendingShelf: counted('ko', 'pendingShelf'), shelfFailed_n: counted('ko', 'shelfFailed'),
    pendingTags: counted('ko', 'pendingTags'), tagFailed_n: counted('ko', 'tagFailed'),
    offlineChanges: '오프라인: 변경 내용은 이 기기에 저장되고 연결되면 전송됩니다.', unreachableChanges: '서버에 연결할 수 없습니다. 변경 내용은 저장되어 있고 연결되면 전송됩니다.',
  },
  en: {
    deleted: 'The memo was deleted.', history: 'Earlier versions', historyEmpty: 'No earlier versions.', pending: 'Waiting to sync', syncing: 'Syncing', waiting: 'Waiting', failed: 'Sync failed', synced: 'Synced',
    synced_n: counted('en', 'synced'), failed_n: counted('en', 'failed'), invalid: 'Not saved', invalidHint: 'The server did not accept this memo. Fix it and send it again, or discard it.',
    offline: 'Offline: memos are saved on this device and sent when you are back online.',
    unreachable: 'The server cannot be reached. Memos are saved and will be sent when it is back.', online: 'Back online.',
    update: 'A new version is available.', updateNow: 'Update', retry: 'Retry', discard: 'Discard', conflict: 'This overlapped an edit from another device. The earlier text is in the history.',
    pendingCount: counted('en', 'pending'), storagePersisted: 'Storage: persistent', storageBestEffort: 'Storage: the browser may clear it when space runs low',
    storageUnknown: 'Storage state unknown', storageTitle: 'Offline storage on this device', cachedCopy: 'Offline: showing the last saved copy.', authRequired: 'Sign in again to send your waiting memos.',
    pendingShelf: counted('en', 'pendingShelf'), shelfFailed_n: counted('en', 'shelfFailed'),
    pendingTags: counted('en', 'pendingTags'), tagFailed_n: counted('en', 'tagFailed'),
    offlineChanges: 'Offline: changes are saved on this device and sent when you are back online.', unreachableChanges: 'The server cannot be reached. Changes are saved and will be sent when it is back.',
  },
};

export function offlineText(lang) {
  return TEXT[lang] ?? TEXT.ko;
}

/**
 * What waits to be sent, memos and shelf changes counted apart (never a shelf change called a memo): the parts
 * of the connection line, without the network's state. counts: queueCounts() of sync-queue.js.
 */
export function waitingParts(counts, lang) {
  const words = offlineText(lang);
  const open = counts.PENDING + counts.WAITING + counts.SYNCING;
  const shelf = Math.min(counts.shelfWaiting ?? 0, open);
  const tags = Math.min(counts.tagWaiting ?? 0, open - shelf);
  const parts = [];
  if (open - shelf - tags > 0) parts.push(words.pendingCount(open - shelf - tags));
  if (shelf > 0) parts.push(words.pendingShelf(shelf));
  if (tags > 0) parts.push(words.pendingTags(tags));
  return parts;
}

/** Why it waits: offline or the server out of reach; said of "changes" when shelf or tag changes wait, else of memos. */
export function waitingReason(net, counts, lang) {
  const words = offlineText(lang);
  const changes = (counts.shelfWaiting ?? 0) > 0 || (counts.tagWaiting ?? 0) > 0;
  if (net.online === false) return changes ? words.offlineChanges : words.offline;
  if (net.serverReachable === false) return changes ? words.unreachableChanges : words.unreachable;
  return null;
}

const ICONS = { pending: '⏳', syncing: '🔄', waiting: '⏸️', failed: '❌' };

/** Whether a memo's failure is the server refusing the memo itself (its reason shows on it), not a failed sync. */
export const isInvalid = (error) => error?.status === 400 || error?.status === 422;

/** {icon, label} for a memo's syncStatus (and error, when failed); null for a synced memo (no icon on its card). */
export function syncBadge(status, lang, error = null) {
  if (!status || status === 'synced') return null;
  if (status === 'failed' && isInvalid(error)) return { kind: 'invalid', icon: '✋', label: offlineText(lang).invalid };
  const kind = status.startsWith('syncing') ? 'syncing' : status;
  const words = offlineText(lang);
  return { kind, icon: ICONS[kind] ?? '⏳', label: words[kind] ?? words.pending };
}
