// Every UI string in Korean and English. The browser's language decides at first; the reader's choice is remembered.
import { store } from './store.js';

const ko = {
  'nav.label': '주 메뉴', 'nav.skip': '본문으로 건너뛰기', 'nav.shelf': '내 서재', 'nav.flow': '오늘의 흐름', 'nav.search': '책 검색',
  'nav.profile': '프로필', 'nav.login': '로그인', 'nav.signup': '회원가입',
  'common.cancel': '취소', 'common.confirm': '확인', 'common.delete': '삭제', 'common.edit': '수정', 'common.editNamed': '{name} 수정',
  'common.loading': '불러오는 중…', 'common.retry': '다시 시도', 'common.save': '저장',
  'error.generic': '요청을 처리하지 못했습니다.', 'error.network': '서버에 연결할 수 없습니다. 네트워크를 확인해주세요.', 'error.title': '문제가 생겼습니다',
  'form.fix': '입력값을 확인해주세요.',
  'auth.sessionEnded': '세션이 만료되었습니다. 다시 로그인해주세요.',
  'home.title': '홈', 'home.heading': '병렬 독서자를 위한 독서 기록 서비스', 'home.lead': '여러 권을 함께 읽는 당신을 위해, 책마다 읽은 자리와 생각을 남기세요.',
  'home.searchButton': '책 검색하기', 'home.start': '시작하기', 'home.toShelf': '내 서재로',
  'home.shelf.title': '내 서재', 'home.shelf.text': '읽을 예정, 읽는 중, 거의 다 읽음, 완독 — 네 칸의 서재로 책을 관리합니다.',
  'home.memo.title': '페이지 메모', 'home.memo.text': '읽은 페이지에 태그와 함께 메모를 남깁니다.',
  'home.flow.title': '오늘의 흐름', 'home.flow.text': '하루의 메모를 세션, 책, 태그별로 돌아봅니다.',
  'notFound.title': '페이지를 찾을 수 없습니다', 'notFound.text': '주소를 확인해주세요.', 'notFound.home': '홈으로',
  'login.title': '로그인', 'login.submit': '로그인', 'login.forgot': '아이디 찾기 · 비밀번호 재설정', 'login.toSignup': '회원가입',
  'login.welcome': '{name}님, 환영합니다.',
  'field.loginId': '아이디', 'field.password': '비밀번호', 'field.passwordConfirm': '비밀번호 확인', 'field.email': '이메일', 'field.name': '이름',
  'field.newPassword': '새 비밀번호', 'field.currentPassword': '현재 비밀번호', 'field.timeZone': '시간대', 'field.category': '읽기 상태',
  'field.expectation': '기대평', 'field.expectationHint': '500자까지', 'field.startDate': '독서 시작일', 'field.finishDate': '독서 종료일',
  'field.progress': '읽은 페이지', 'field.progressOf': '전체 {total}쪽', 'field.purchaseType': '구매 유형', 'field.rating': '평점', 'field.review': '후기',
  'field.title': '제목', 'field.author': '저자', 'field.publisher': '출판사', 'field.totalPages': '전체 페이지 수', 'field.book': '책',
  'field.page': '페이지', 'field.content': '메모 내용', 'field.lastReadPage': '마지막으로 읽은 페이지',
  'signup.title': '회원가입', 'signup.submit': '가입하기', 'signup.toLogin': '이미 계정이 있나요? 로그인', 'signup.loginIdHint': '영문, 숫자, 밑줄로 3~20자',
  'signup.loginIdInvalid': '아이디는 영문, 숫자, 밑줄로 3~20자입니다.', 'signup.loginIdTaken': '이미 사용 중인 아이디입니다.',
  'signup.emailInvalid': '이메일 형식이 올바르지 않습니다.', 'signup.emailTaken': '이미 사용 중인 이메일입니다.', 'signup.available': '사용할 수 있습니다.',
  'signup.done': '가입되었습니다. 로그인해주세요.',
  'password.policy': '비밀번호 조건', 'password.ruleLength': '8자 이상', 'password.ruleSpecial': '특수문자 1개 이상 ({chars})',
  'password.mismatch': '비밀번호가 일치하지 않습니다.', 'password.notMet': '비밀번호 조건을 만족하지 않습니다.',
  'recover.title': '계정 찾기', 'recover.findTitle': '아이디 찾기', 'recover.findSubmit': '아이디 찾기', 'recover.foundId': '아이디는 {loginId} 입니다.',
  'recover.resetTitle': '비밀번호 재설정', 'recover.verifySubmit': '계정 확인', 'recover.resetSubmit': '비밀번호 변경',
  'search.title': '책 검색', 'search.typeLabel': '검색 기준', 'search.queryLabel': '검색어', 'search.submit': '검색', 'search.results': '검색 결과',
  'search.type.TITLE': '도서명', 'search.type.AUTHOR': '저자명', 'search.type.PUBLISHER': '출판사명', 'search.prompt': '찾을 책의 제목, 저자 또는 출판사를 입력하세요.',
  'search.count': '검색 결과 {count}건', 'search.none': '검색 결과가 없습니다.', 'search.manual': '찾는 책이 없나요? 직접 추가하기',
  'pager.label': '페이지 이동', 'pager.prev': '이전', 'pager.next': '다음', 'pager.position': '{pages}쪽 중 {page}쪽',
  'manual.title': '책 직접 추가', 'manual.lead': '검색되지 않는 책을 직접 입력해 서재에 추가합니다.',
  'book.title': '책 상세', 'book.coverOf': '{title} 표지', 'book.pages': '{pages}쪽', 'book.add': '내 서재에 저장하기', 'book.addTitle': '"{title}" 서재에 저장',
  'book.addSubmit': '서재에 저장', 'book.loginToAdd': '로그인하고 서재에 저장하기', 'book.alreadyOnShelf': '이미 내 서재에 있는 책입니다.',
  'book.openEntry': '서재에서 보기', 'book.missing': '책 정보가 없습니다.', 'book.progress': '독서 진행률', 'book.progressText': '{total}쪽 중 {page}쪽 ({pct}%)',
  'book.progressNoTotal': '{page}쪽까지 읽음', 'book.pagesRead': '{page}쪽', 'book.addedAt': '서재에 추가한 날', 'book.moveTo': '옮길 상태', 'book.move': '옮기기',
  'book.movedTo': '"{category}"(으)로 이동했습니다.', 'book.nowIn': '현재 상태: {category}.', 'book.start': '독서 시작하기', 'book.startTitle': '독서 시작',
  'book.startSubmit': '시작하기', 'book.finish': '완독 처리', 'book.finishTitle': '완독 처리', 'book.finishSubmit': '완독 처리하기',
  'book.lastPageTitle': '마지막 페이지입니다', 'book.lastPageText': '마지막 페이지까지 읽었습니다. 완독 처리할까요?', 'book.writeMemo': '메모 작성',
  'book.backToShelf': '← 내 서재', 'close.title': '책 덮기', 'close.submit': '책 덮기', 'close.finishLegend': '완독 정보',
  'category.ToRead': '읽을 예정', 'category.Reading': '읽는 중', 'category.AlmostFinished': '거의 다 읽음', 'category.Finished': '완독',
  'purchase.none': '선택 안 함', 'purchase.PURCHASE': '구매', 'purchase.RENTAL': '대여', 'rating.value': '{n}점',
  'shelfFields.almostRange': '거의 다 읽음은 {from}~{to}쪽(81~99%)입니다.',
  'shelf.title': '내 서재', 'shelf.tabs': '읽기 상태', 'shelf.sortLabel': '정렬', 'shelf.sort.TITLE': '제목순', 'shelf.sort.AUTHOR': '저자순',
  'shelf.sort.PUBLISHER': '출판사순', 'shelf.sort.GENRE': '장르순', 'shelf.addBook': '책 추가', 'shelf.count': '{count}권',
  'shelf.empty': '"{category}"에 책이 없습니다.', 'shelf.findBooks': '책 찾아보기', 'shelf.progressOf': '{title} 진행률',
  'shelf.deleteNamed': '{title} 삭제', 'shelf.deleteTitle': '서재에서 삭제', 'shelf.deleteText': '"{title}"을(를) 서재에서 삭제할까요? 이 책의 메모도 함께 삭제됩니다.',
  'flow.title': '오늘의 흐름', 'flow.controls': '날짜와 보기 설정', 'flow.today': '오늘로', 'flow.calendar': '달력', 'flow.grouping': '묶어 보기',
  'flow.mode.SESSION': '세션', 'flow.mode.BOOK': '책별', 'flow.mode.TAG': '태그별', 'flow.tagCategory': '태그 분류', 'flow.write': '메모 작성',
  'flow.closeBook': '책 덮기', 'flow.count': '메모 {count}개', 'flow.emptyToday': '오늘 작성한 메모가 없습니다. 첫 메모를 남겨보세요.',
  'flow.emptyDay': '이 날짜에 작성된 메모가 없습니다.', 'flow.noBooks': '메모를 쓸 책이 없습니다. 먼저 서재에 책을 추가하세요.',
  'calendar.prev': '이전 달', 'calendar.next': '다음 달', 'calendar.hasMemos': '메모 있음',
  'tagCategory.TYPE': '유형', 'tagCategory.TOPIC': '주제',
  'memo.writeTitle': '메모 작성', 'memo.editTitle': '메모 수정', 'memo.counter': '{n} / {max}자', 'memo.contentRequired': '메모 내용을 입력해주세요.',
  'memo.saved': '메모를 저장했습니다.', 'memo.savedConflict': '저장했습니다. 다른 기기에서 먼저 바뀐 내용은 이력에 남아 있습니다.',
  'memo.named': '{time} p.{page} 메모', 'memo.tags': '태그', 'memo.editNamed': '{name} 수정', 'memo.deleteNamed': '{name} 삭제',
  'memo.deleteTitle': '메모 삭제', 'memo.deleteText': '이 메모를 삭제할까요?',
  'profile.title': '프로필', 'profile.info': '내 정보', 'profile.loginId': '아이디: {loginId}', 'profile.timeZoneHint': '날짜와 "오늘"은 이 시간대를 따릅니다.',
  'profile.saved': '프로필을 저장했습니다.', 'profile.password': '비밀번호 변경', 'profile.changePassword': '비밀번호 변경', 'profile.devices': '로그인한 기기',
  'profile.thisDevice': '현재 기기', 'profile.revoked': '로그아웃됨', 'profile.lastSeen': '마지막 사용: {when}', 'profile.revoke': '로그아웃시키기',
  'profile.revokeNamed': '{name} 로그아웃시키기', 'profile.revokeTitle': '기기 로그아웃', 'profile.revokeText': '"{name}"에서 로그아웃시킬까요?',
  'profile.logout': '로그아웃', 'profile.loggedOut': '로그아웃되었습니다.',
  'tag.TYPE.summary': '요약', 'tag.TYPE.quote': '인용/문장', 'tag.TYPE.feeling': '느낌/소감', 'tag.TYPE.question': '질문/의문', 'tag.TYPE.connection': '비교/연관',
  'tag.TYPE.critique': '분석/비평', 'tag.TYPE.idea': '아이디어/영감', 'tag.TYPE.action': '액션/실천', 'tag.TYPE.etc': '기타',
  'tag.TOPIC.character': '인물/캐릭터', 'tag.TOPIC.plot': '스토리/플롯', 'tag.TOPIC.knowledge': '지식/정보', 'tag.TOPIC.lesson': '교훈/명언',
  'tag.TOPIC.emotion': '감정/심리', 'tag.TOPIC.society': '사회/문화', 'tag.TOPIC.philosophy': '철학/사고', 'tag.TOPIC.creation': '창작/상상', 'tag.TOPIC.etc': '기타',
};

const en = {
  'nav.label': 'Main menu', 'nav.skip': 'Skip to content', 'nav.shelf': 'My shelf', 'nav.flow': 'Today flow', 'nav.search': 'Search books',
  'nav.profile': 'Profile', 'nav.login': 'Log in', 'nav.signup': 'Sign up',
  'common.cancel': 'Cancel', 'common.confirm': 'Confirm', 'common.delete': 'Delete', 'common.edit': 'Edit', 'common.editNamed': 'Edit {name}',
  'common.loading': 'Loading…', 'common.retry': 'Try again', 'common.save': 'Save',
  'error.generic': 'The request could not be completed.', 'error.network': 'Cannot reach the server. Please check your connection.', 'error.title': 'Something went wrong',
  'form.fix': 'Please check the highlighted fields.',
  'auth.sessionEnded': 'Your session has ended. Please log in again.',
  'home.title': 'Home', 'home.heading': 'A reading journal for parallel readers', 'home.lead': 'Reading several books at once? Keep where you are and what you think, book by book.',
  'home.searchButton': 'Search books', 'home.start': 'Get started', 'home.toShelf': 'Go to my shelf',
  'home.shelf.title': 'My shelf', 'home.shelf.text': 'To read, reading, almost finished, finished — four shelves for your books.',
  'home.memo.title': 'Page memos', 'home.memo.text': 'Write memos anchored to the page you are on, with tags.',
  'home.flow.title': 'Today flow', 'home.flow.text': "Look back on a day's memos by session, book or tag.",
  'notFound.title': 'Page not found', 'notFound.text': 'Please check the address.', 'notFound.home': 'Go home',
  'login.title': 'Log in', 'login.submit': 'Log in', 'login.forgot': 'Find login id · Reset password', 'login.toSignup': 'Sign up',
  'login.welcome': 'Welcome, {name}.',
  'field.loginId': 'Login id', 'field.password': 'Password', 'field.passwordConfirm': 'Confirm password', 'field.email': 'Email', 'field.name': 'Name',
  'field.newPassword': 'New password', 'field.currentPassword': 'Current password', 'field.timeZone': 'Time zone', 'field.category': 'Reading state',
  'field.expectation': 'Expectation', 'field.expectationHint': 'Up to 500 characters', 'field.startDate': 'Start date', 'field.finishDate': 'Finish date',
  'field.progress': 'Pages read', 'field.progressOf': '{total} pages in total', 'field.purchaseType': 'Purchase type', 'field.rating': 'Rating', 'field.review': 'Review',
  'field.title': 'Title', 'field.author': 'Author', 'field.publisher': 'Publisher', 'field.totalPages': 'Total pages', 'field.book': 'Book',
  'field.page': 'Page', 'field.content': 'Memo', 'field.lastReadPage': 'Last page read',
  'signup.title': 'Sign up', 'signup.submit': 'Create account', 'signup.toLogin': 'Already have an account? Log in', 'signup.loginIdHint': '3 to 20 letters, digits or underscores',
  'signup.loginIdInvalid': 'A login id has 3 to 20 letters, digits or underscores.', 'signup.loginIdTaken': 'This login id is already taken.',
  'signup.emailInvalid': 'Not a valid email address.', 'signup.emailTaken': 'This email is already registered.', 'signup.available': 'Available.',
  'signup.done': 'Your account was created. Please log in.',
  'password.policy': 'Password rules', 'password.ruleLength': 'At least 8 characters', 'password.ruleSpecial': 'At least one special character ({chars})',
  'password.mismatch': 'The passwords do not match.', 'password.notMet': 'The password does not meet the rules.',
  'recover.title': 'Account recovery', 'recover.findTitle': 'Find your login id', 'recover.findSubmit': 'Find login id', 'recover.foundId': 'Your login id is {loginId}.',
  'recover.resetTitle': 'Reset your password', 'recover.verifySubmit': 'Verify account', 'recover.resetSubmit': 'Change password',
  'search.title': 'Search books', 'search.typeLabel': 'Search by', 'search.queryLabel': 'Search text', 'search.submit': 'Search', 'search.results': 'Search results',
  'search.type.TITLE': 'Title', 'search.type.AUTHOR': 'Author', 'search.type.PUBLISHER': 'Publisher', 'search.prompt': 'Type a title, author or publisher.',
  'search.count': '{count} results', 'search.none': 'No books found.', 'search.manual': "Can't find it? Add a book by hand",
  'pager.label': 'Pages', 'pager.prev': 'Previous', 'pager.next': 'Next', 'pager.position': 'Page {page} of {pages}',
  'manual.title': 'Add a book by hand', 'manual.lead': 'Type in a book that search does not find and put it on your shelf.',
  'book.title': 'Book', 'book.coverOf': 'Cover of {title}', 'book.pages': '{pages} pages', 'book.add': 'Add to my shelf', 'book.addTitle': 'Add "{title}" to my shelf',
  'book.addSubmit': 'Add to shelf', 'book.loginToAdd': 'Log in to add it to your shelf', 'book.alreadyOnShelf': 'This book is already on your shelf.',
  'book.openEntry': 'Open it', 'book.missing': 'No book was given.', 'book.progress': 'Reading progress', 'book.progressText': 'Page {page} of {total} ({pct}%)',
  'book.progressNoTotal': 'Read up to page {page}', 'book.pagesRead': 'Page {page}', 'book.addedAt': 'Added', 'book.moveTo': 'Move to', 'book.move': 'Move',
  'book.movedTo': 'Moved to "{category}".', 'book.nowIn': 'Now in: {category}.', 'book.start': 'Start reading', 'book.startTitle': 'Start reading',
  'book.startSubmit': 'Start', 'book.finish': 'Finish reading', 'book.finishTitle': 'Finish reading', 'book.finishSubmit': 'Mark as finished',
  'book.lastPageTitle': 'That is the last page', 'book.lastPageText': 'You reached the last page. Mark the book as finished?', 'book.writeMemo': 'Write a memo',
  'book.backToShelf': '← My shelf', 'close.title': 'Close the book', 'close.submit': 'Close the book', 'close.finishLegend': 'Finishing details',
  'category.ToRead': 'To read', 'category.Reading': 'Reading', 'category.AlmostFinished': 'Almost finished', 'category.Finished': 'Finished',
  'purchase.none': 'Not set', 'purchase.PURCHASE': 'Bought', 'purchase.RENTAL': 'Borrowed', 'rating.value': '{n} stars',
  'shelfFields.almostRange': 'Almost finished means pages {from} to {to} (81–99 %).',
  'shelf.title': 'My shelf', 'shelf.tabs': 'Reading states', 'shelf.sortLabel': 'Sort by', 'shelf.sort.TITLE': 'Title', 'shelf.sort.AUTHOR': 'Author',
  'shelf.sort.PUBLISHER': 'Publisher', 'shelf.sort.GENRE': 'Genre', 'shelf.addBook': 'Add a book', 'shelf.count': '{count} books',
  'shelf.empty': 'No books in "{category}".', 'shelf.findBooks': 'Find books', 'shelf.progressOf': 'Progress of {title}',
  'shelf.deleteNamed': 'Delete {title}', 'shelf.deleteTitle': 'Remove from shelf', 'shelf.deleteText': 'Remove "{title}" from your shelf? Its memos are removed too.',
  'flow.title': 'Today flow', 'flow.controls': 'Date and view', 'flow.today': 'Back to today', 'flow.calendar': 'Calendar', 'flow.grouping': 'Group by',
  'flow.mode.SESSION': 'Session', 'flow.mode.BOOK': 'Book', 'flow.mode.TAG': 'Tag', 'flow.tagCategory': 'Tag category', 'flow.write': 'Write a memo',
  'flow.closeBook': 'Close the book', 'flow.count': '{count} memos', 'flow.emptyToday': 'No memos today yet. Write your first one.',
  'flow.emptyDay': 'No memos were written on this day.', 'flow.noBooks': 'No book to write about. Add a book to your shelf first.',
  'calendar.prev': 'Previous month', 'calendar.next': 'Next month', 'calendar.hasMemos': 'has memos',
  'tagCategory.TYPE': 'Type', 'tagCategory.TOPIC': 'Topic',
  'memo.writeTitle': 'Write a memo', 'memo.editTitle': 'Edit memo', 'memo.counter': '{n} / {max} characters', 'memo.contentRequired': 'Please write the memo.',
  'memo.saved': 'Memo saved.', 'memo.savedConflict': 'Saved. A newer edit from another device was kept in the history.',
  'memo.named': 'Memo at {time}, p.{page}', 'memo.tags': 'Tags', 'memo.editNamed': 'Edit {name}', 'memo.deleteNamed': 'Delete {name}',
  'memo.deleteTitle': 'Delete memo', 'memo.deleteText': 'Delete this memo?',
  'profile.title': 'Profile', 'profile.info': 'My details', 'profile.loginId': 'Login id: {loginId}', 'profile.timeZoneHint': 'Dates and "today" follow this time zone.',
  'profile.saved': 'Profile saved.', 'profile.password': 'Change password', 'profile.changePassword': 'Change password', 'profile.devices': 'Signed-in devices',
  'profile.thisDevice': 'This device', 'profile.revoked': 'Logged out', 'profile.lastSeen': 'Last used: {when}', 'profile.revoke': 'Log out device',
  'profile.revokeNamed': 'Log out {name}', 'profile.revokeTitle': 'Log out a device', 'profile.revokeText': 'Log out "{name}"?',
  'profile.logout': 'Log out', 'profile.loggedOut': 'You are logged out.',
  'tag.TYPE.summary': 'Summary', 'tag.TYPE.quote': 'Quote', 'tag.TYPE.feeling': 'Feeling', 'tag.TYPE.question': 'Question', 'tag.TYPE.connection': 'Connection',
  'tag.TYPE.critique': 'Critique', 'tag.TYPE.idea': 'Idea', 'tag.TYPE.action': 'Action', 'tag.TYPE.etc': 'Other',
  'tag.TOPIC.character': 'Character', 'tag.TOPIC.plot': 'Plot', 'tag.TOPIC.knowledge': 'Knowledge', 'tag.TOPIC.lesson': 'Lesson',
  'tag.TOPIC.emotion': 'Emotion', 'tag.TOPIC.society': 'Society', 'tag.TOPIC.philosophy': 'Philosophy', 'tag.TOPIC.creation': 'Creation', 'tag.TOPIC.etc': 'Other',
};

export const dictionaries = { ko, en };

function browserLanguage() {
  const first = (navigator.languages?.[0] ?? navigator.language ?? 'ko').toLowerCase();
  return first.startsWith('ko') ? 'ko' : 'en';
}

let current = store.lang === 'ko' || store.lang === 'en' ? store.lang : browserLanguage();

export const lang = () => current;

export function t(key, params = {}) {
  const text = dictionaries[current][key] ?? dictionaries.ko[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

export function applyLanguage() {
  document.documentElement.lang = current;
}

export function setLanguage(value) {
  current = value === 'en' ? 'en' : 'ko';
  store.lang = current;
  applyLanguage();
}
