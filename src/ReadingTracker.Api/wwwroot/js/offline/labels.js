// The offline engine's words, in both UI languages: sync states with their icons and the toasts.
const TEXT = {
  ko: {
    deleted: '메모가 삭제되었습니다.', history: '이전 버전', historyEmpty: '이전 버전이 없습니다.', pending: '동기화 대기 중', syncing: '동기화 중', waiting: '대기 중', failed: '동기화 실패', synced: '동기화됨',
    synced_n: (n) => `✅ ${n}개의 메모 동기화 완료.`, failed_n: (n) => `⚠️ ${n}개의 메모 동기화 실패.`,
    searchLimited: '⚠️ 외부 서비스 연결 불가. 검색 제한됨.', offline: '오프라인: 메모는 이 기기에 저장되고 연결되면 전송됩니다.',
    unreachable: '서버에 연결할 수 없습니다. 메모는 저장되어 있고 연결되면 전송됩니다.', online: '다시 연결되었습니다.',
    update: '새 버전이 있습니다.', updateNow: '업데이트', retry: '다시 시도', discard: '버리기', conflict: '다른 기기의 수정과 겹쳤습니다. 이전 내용은 기록에 있습니다.',
    pendingCount: (n) => `전송 대기 ${n}개`, storagePersisted: '저장소: 영구 보관', storageBestEffort: '저장소: 공간이 부족하면 브라우저가 지울 수 있음',
    storageUnknown: '저장소 상태를 알 수 없음', storageTitle: '이 기기의 오프라인 저장소', cachedCopy: '오프라인: 마지막으로 저장된 내용입니다.', authRequired: '다시 로그인하면 대기 중인 메모가 전송됩니다.',
  },
  en: {
    deleted: 'The memo was deleted.', history: 'Earlier versions', historyEmpty: 'No earlier versions.', pending: 'Waiting to sync', syncing: 'Syncing', waiting: 'Waiting', failed: 'Sync failed', synced: 'Synced',
    synced_n: (n) => `✅ ${n} memo${n === 1 ? '' : 's'} synced.`, failed_n: (n) => `⚠️ ${n} memo${n === 1 ? '' : 's'} failed to sync.`,
    searchLimited: '⚠️ Book search service unreachable. Search is limited.', offline: 'Offline: memos are saved on this device and sent when you are back online.',
    unreachable: 'The server cannot be reached. Memos are saved and will be sent when it is back.', online: 'Back online.',
    update: 'A new version is available.', updateNow: 'Update', retry: 'Retry', discard: 'Discard', conflict: 'This overlapped an edit from another device. The earlier text is in the history.',
    pendingCount: (n) => `${n} waiting to sync`, storagePersisted: 'Storage: persistent', storageBestEffort: 'Storage: the browser may clear it when space runs low',
    storageUnknown: 'Storage state unknown', storageTitle: 'Offline storage on this device', cachedCopy: 'Offline: showing the last saved copy.', authRequired: 'Sign in again to send your waiting memos.',
  },
};

export function offlineText(lang) {
  return TEXT[lang] ?? TEXT.ko;
}

const ICONS = { pending: '⏳', syncing: '🔄', waiting: '⏸️', failed: '❌' };

/** {icon, label} for a memo's syncStatus; null for a synced memo (no icon on its card). */
export function syncBadge(status, lang) {
  if (!status || status === 'synced') return null;
  const kind = status.startsWith('syncing') ? 'syncing' : status;
  const words = offlineText(lang);
  return { kind, icon: ICONS[kind] ?? '⏳', label: words[kind] ?? words.pending };
}
