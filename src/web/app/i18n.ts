/**
 * The app's own words, zh (default) and en. Server messages arrive already translated (the API client
 * sends Accept-Language), so this dictionary only holds what the web app itself writes.
 */
import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { setApiLanguage } from './api-client.ts';
import { IDENTIFICATION_MESSAGES } from '../modules/identification/identification-i18n.ts';
import { REGISTRY_MESSAGES } from '../modules/registry/registry-i18n.ts';

export type Lang = 'zh' | 'en';
export type MessageKey = keyof typeof DICTIONARY;
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const STORAGE_KEY = 'wennuan.lang';

export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const entry = DICTIONARY[key];
  const template: string = entry[lang];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function readStoredLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

interface I18nValue {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const stored = readStoredLang();
    setApiLanguage(stored);
    return stored;
  });

  useEffect(() => {
    setApiLanguage(lang);
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = translate(lang, 'app.documentTitle');
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    setApiLanguage(next);
    setLangState(next);
  }, []);

  const t = useCallback<Translate>((key, params) => translate(lang, key, params), [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

// ——— the dictionary: key → { zh, en }; {name} marks a parameter ———

const DICTIONARY = {
  'app.documentTitle': { zh: '温暖 · 节日慰问工作平台', en: 'Wennuan · holiday relief campaigns' },
  'app.tagline': { zh: '节日慰问 · 送温暖工作平台', en: 'Holiday relief campaigns, end to end' },
  'app.shortTagline': { zh: '送温暖', en: 'relief' },

  'nav.campaigns': { zh: '慰问活动', en: 'Campaigns' },
  'nav.import': { zh: '导入方案', en: 'Import plan' },
  'nav.identification': { zh: '名单识别', en: 'Identification' },
  'nav.units': { zh: '单位', en: 'Units' },
  'nav.accounts': { zh: '账号', en: 'Accounts' },
  'nav.audit': { zh: '操作日志', en: 'Audit log' },
  'shell.signOut': { zh: '退出登录', en: 'Sign out' },

  'common.save': { zh: '保存', en: 'Save' },
  'common.saved': { zh: '已保存', en: 'Saved' },
  'common.create': { zh: '创建', en: 'Create' },
  'common.cancel': { zh: '取消', en: 'Cancel' },
  'common.edit': { zh: '修改', en: 'Edit' },
  'common.remove': { zh: '删除', en: 'Remove' },
  'common.refresh': { zh: '刷新', en: 'Refresh' },
  'common.retry': { zh: '重试', en: 'Try again' },
  'common.search': { zh: '查询', en: 'Search' },
  'common.actions': { zh: '操作', en: 'Actions' },
  'common.none': { zh: '无', en: 'none' },
  'common.yuan': { zh: '元', en: 'yuan' },
  'common.persons': { zh: '人', en: 'ppl' },
  'common.copied': { zh: '已复制', en: 'Copied' },

  'error.title': { zh: '操作未成功', en: 'That did not work' },
  'error.network': { zh: '网络错误', en: 'Network error' },
  'error.notFound': { zh: '找不到', en: 'Not found' },
  'error.forbidden': { zh: '没有权限', en: 'Not allowed' },
  'error.invalid': { zh: '请检查填写的内容', en: 'Please check your input' },
  'error.stale': { zh: '数据已被他人修改', en: 'Someone else changed this meanwhile' },

  'money.required': { zh: '请输入金额', en: 'Enter an amount' },
  'money.decimals': { zh: '金额最多两位小数', en: 'At most two decimals (fen)' },
  'money.negative': { zh: '金额不能为负数', en: 'The amount cannot be negative' },
  'money.format': { zh: '请输入数字金额，例如 500 或 12.50', en: 'Enter an amount such as 500 or 12.50' },
  'money.tooLarge': { zh: '金额过大', en: 'The amount is too large' },
  'count.required': { zh: '请输入人数', en: 'Enter a number' },
  'count.negative': { zh: '人数不能为负数', en: 'Cannot be negative' },
  'count.fraction': { zh: '人数必须是整数', en: 'Must be a whole number' },
  'count.format': { zh: '请输入非负整数', en: 'Enter a whole number, 0 or more' },
  'count.tooLarge': { zh: '数字过大', en: 'Too large' },
  'count.min': { zh: '至少为 {min}', en: 'At least {min}' },

  'signIn.title': { zh: '登录', en: 'Sign in' },
  'signIn.username': { zh: '用户名', en: 'Username' },
  'signIn.password': { zh: '密码', en: 'Password' },
  'signIn.usernameRequired': { zh: '请输入用户名', en: 'Enter your username' },
  'signIn.passwordRequired': { zh: '请输入密码', en: 'Enter your password' },
  'signIn.submit': { zh: '登录', en: 'Sign in' },
  'signIn.help': {
    zh: '账号由上级单位管理员开设。忘记密码请联系管理员重置；连续输错 5 次将锁定 15 分钟。',
    en: 'Accounts are opened by your administrator. Forgot your password? Ask them to reset it; 5 wrong attempts lock the account for 15 minutes.',
  },

  'password.title': { zh: '修改初始密码', en: 'Change your one-time password' },
  'password.required': {
    zh: '{name}，您正在使用管理员发放的一次性密码，请先设置自己的密码后再开始工作。',
    en: '{name}, you signed in with a one-time password: set your own password before you start.',
  },
  'password.current': { zh: '当前密码（一次性密码）', en: 'Current (one-time) password' },
  'password.new': { zh: '新密码', en: 'New password' },
  'password.confirm': { zh: '再次输入新密码', en: 'New password again' },
  'password.currentRequired': { zh: '请输入当前密码', en: 'Enter the current password' },
  'password.newRequired': { zh: '请输入新密码', en: 'Enter a new password' },
  'password.confirmRequired': { zh: '请再次输入新密码', en: 'Enter the new password again' },
  'password.mismatch': { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  'password.tooShort': { zh: '密码至少需要 10 个字符', en: 'At least 10 characters' },
  'password.hasUsername': { zh: '密码不能包含用户名', en: 'The password must not contain the username' },
  'password.rule': {
    zh: '至少 10 个字符，不能包含用户名，不能是常见密码（如 123456789a、woaini1314、qwertyuiop），不能与当前密码相同',
    en: 'At least 10 characters, not holding the username, not a common password (123456789a, woaini1314, qwertyuiop…), different from the current one',
  },
  'password.submit': { zh: '保存新密码', en: 'Save new password' },
  'password.changed': { zh: '密码已修改', en: 'Password changed' },

  'notFound.title': { zh: '页面不存在', en: 'Page not found' },
  'notFound.text': { zh: '地址可能输错了，或页面已被移走。', en: 'The address may be mistyped or the page has moved.' },
  'notFound.back': { zh: '返回活动列表', en: 'Back to campaigns' },

  'role.admin': { zh: '系统管理员', en: 'Administrator' },
  'role.organiser': { zh: '组织者', en: 'Organiser' },
  'role.reviewer': { zh: '审核人', en: 'Reviewer' },
  'role.clerk': { zh: '单位经办人', en: 'Unit clerk' },
  'role.visitor': { zh: '走访人员', en: 'Visitor' },
  'role.supervisor': { zh: '监督员（只读）', en: 'Supervisor (read-only)' },

  'unitKind.province': { zh: '省', en: 'Province' },
  'unitKind.city': { zh: '市', en: 'City' },
  'unitKind.district': { zh: '区/县', en: 'District/county' },
  'unitKind.town': { zh: '镇/街道', en: 'Town/street' },
  'unitKind.community': { zh: '社区', en: 'Community' },
  'unitKind.village': { zh: '村', en: 'Village' },
  'unitKind.group': { zh: '村民小组/集团', en: 'Group' },
  'unitKind.subsidiary': { zh: '子公司', en: 'Subsidiary' },
  'unitKind.department': { zh: '部门', en: 'Department' },
  'unitKind.other': { zh: '其他', en: 'Other' },

  'units.title': { zh: '单位', en: 'Units' },
  'units.subtitle': {
    zh: '本单位及下级单位。每个账号只能看到和管理自己单位以下的部分。',
    en: 'Your unit and those below it. Every account sees and manages only its own subtree.',
  },
  'units.treeTitle': { zh: '单位树', en: 'Unit tree' },
  'units.detailTitle': { zh: '单位详情', en: 'Unit details' },
  'units.searchPlaceholder': { zh: '按名称或代码查找', en: 'Find by name or code' },
  'units.emptyTree': {
    zh: '还没有单位。可以按行政区划代码一次添加一个区县的所有镇村。',
    en: 'No units yet. Add a whole district with its towns and villages by region code.',
  },
  'units.pickOne': { zh: '在左侧单位树中选择一个单位', en: 'Choose a unit in the tree' },
  'units.pickPlaceholder': { zh: '选择单位', en: 'Choose a unit' },
  'units.errorHint': { zh: '请从左侧单位树中选择您有权查看的单位。', en: 'Choose a unit you may see from the tree.' },
  'units.closed': { zh: '已撤销', en: 'closed' },
  'units.closedNotice': {
    zh: '该单位已于 {at} 撤销，保留历史记录，不能再添加下级或分配名额。',
    en: 'This unit was closed on {at}; its history is kept.',
  },
  'units.name': { zh: '单位名称', en: 'Name' },
  'units.namePlaceholder': { zh: '例如：红星村', en: 'e.g. Hongxing village' },
  'units.nameRequired': { zh: '请输入单位名称', en: 'Enter the unit name' },
  'units.kind': { zh: '单位类型', en: 'Kind' },
  'units.code': { zh: '单位代码', en: 'Unit code' },
  'units.codeHelp': {
    zh: '可填统一社会信用代码、行政区划代码或内部编号，可不填',
    en: 'Optional: region code, credit code or your own number',
  },
  'units.codeInvalid': { zh: '只能由 1–32 位字母、数字或短横线组成', en: '1–32 letters, digits or dashes' },
  'units.path': { zh: '上级路径', en: 'Path' },
  'units.regionCode': { zh: '行政区划代码', en: 'Region code' },
  'units.childCount': { zh: '下级单位数', en: 'Open sub-units' },
  'units.addChild': { zh: '添加下级单位', en: 'Add sub-unit' },
  'units.addChildTitle': { zh: '在“{parent}”下添加单位', en: 'Add a unit under {parent}' },
  'units.created': { zh: '已添加单位“{name}”', en: 'Added {name}' },
  'units.rename': { zh: '改名 / 改代码', en: 'Rename' },
  'units.renameTitle': { zh: '修改单位名称和代码', en: 'Rename unit' },
  'units.move': { zh: '移动', en: 'Move' },
  'units.moveTitle': { zh: '移动“{name}”', en: 'Move {name}' },
  'units.moveHelp': {
    zh: '连同所有下级单位一起移到新的上级单位下（例如村庄撤并、街道调整）。',
    en: 'The unit moves with everything below it (e.g. after villages merge).',
  },
  'units.newParent': { zh: '新的上级单位', en: 'New parent' },
  'units.newParentRequired': { zh: '请选择新的上级单位', en: 'Choose the new parent' },
  'units.moved': { zh: '已移动“{name}”', en: 'Moved {name}' },
  'units.close': { zh: '撤销', en: 'Close' },
  'units.closeConfirmTitle': { zh: '撤销“{name}”？', en: 'Close {name}?' },
  'units.closeConfirmText': {
    zh: '撤销后保留历史记录，但不能再使用。须先撤销其下级单位。',
    en: 'Its history is kept but it can no longer be used. Close its sub-units first.',
  },
  'units.closedDone': { zh: '已撤销“{name}”', en: 'Closed {name}' },
  'units.ownUnitHint': {
    zh: '这是您本人所在的单位，不能移动或撤销。',
    en: 'This is your own unit: it cannot be moved or closed.',
  },
  'units.readOnlyHint': {
    zh: '您可以查看单位，修改单位需要“组织者”或“管理员”角色。',
    en: 'You can view units; changing them needs the organiser or administrator role.',
  },
  'units.addRegion': { zh: '按行政区划代码添加', en: 'Add by region code' },
  'units.addRegionTitle': { zh: '按行政区划代码添加单位', en: 'Add units by region code' },
  'units.addRegionHelp': {
    zh: '输入国家标准（GB/T 2260）行政区划代码，自动添加该地区及其下全部镇（街道）和村（社区）。例如 320614 海门区：22 个镇街、307 个村居。',
    en: 'Enter a GB/T 2260 region code: the region is added with all its towns and villages. E.g. 320614 (Haimen): 22 towns, 307 villages.',
  },
  'units.addRegionOk': { zh: '添加', en: 'Add' },
  'units.regionCodeRequired': { zh: '请输入行政区划代码', en: 'Enter a region code' },
  'units.regionCodeInvalid': { zh: '行政区划代码为 2–12 位数字', en: 'A region code has 2 to 12 digits' },
  'units.regionParent': { zh: '放在哪个单位下', en: 'Under which unit' },
  'units.regionParentHelp': {
    zh: '不选则自动放在对应的上级行政区下',
    en: 'Leave empty to place it under its parent region automatically',
  },
  'units.regionParentAuto': { zh: '自动', en: 'Automatic' },
  'units.regionAddedTitle': { zh: '已添加 {name}', en: '{name} added' },
  'units.regionAddedCounts': {
    zh: '共添加 {created} 个单位：{towns} 个镇（街道），{villages} 个村（社区）。',
    en: '{created} units added: {towns} towns/streets and {villages} villages/communities.',
  },
  'units.regionAddedTotal': { zh: '共添加 {created} 个单位。', en: '{created} units added.' },

  'accounts.title': { zh: '账号', en: 'Accounts' },
  'accounts.subtitle': {
    zh: '为本单位及下级单位的经办人、审核人、走访人员开设账号。',
    en: 'Accounts for clerks, reviewers and visitors of your units.',
  },
  'accounts.create': { zh: '新建账号', en: 'New account' },
  'accounts.createTitle': { zh: '新建账号', en: 'New account' },
  'accounts.created': { zh: '已创建账号：{name}', en: 'Account created: {name}' },
  'accounts.username': { zh: '用户名', en: 'Username' },
  'accounts.usernameHelp': {
    zh: '登录用，3–64 位字母、数字、点、短横线或下划线，例如 hongxing-clerk',
    en: '3–64 letters, digits, dots, dashes or underscores',
  },
  'accounts.usernameRequired': { zh: '请输入用户名', en: 'Enter a username' },
  'accounts.usernameInvalid': {
    zh: '用户名应为 3–64 位字母、数字、点、短横线或下划线',
    en: '3–64 letters, digits, dots, dashes or underscores',
  },
  'accounts.displayName': { zh: '姓名', en: 'Name' },
  'accounts.displayNamePlaceholder': { zh: '例如：张明', en: 'e.g. Zhang Ming' },
  'accounts.displayNameRequired': { zh: '请输入姓名', en: 'Enter the name' },
  'accounts.role': { zh: '角色', en: 'Role' },
  'accounts.unit': { zh: '所属单位', en: 'Unit' },
  'accounts.unitRequired': { zh: '请选择所属单位', en: 'Choose the unit' },
  'accounts.unitHelp': {
    zh: '账号只能看到和处理该单位及其下级的数据',
    en: 'The account sees only this unit and those below it',
  },
  'accounts.password': { zh: '初始密码（可不填）', en: 'Initial password (optional)' },
  'accounts.passwordHelp': {
    zh: '不填则生成一次性密码，对方首次登录时须修改。如填写：至少 10 个字符，不能包含用户名，不能是常见密码（如 123456789a、woaini1314）',
    en: 'Leave empty for a one-time password to be changed at first sign-in. If you fill it in: at least 10 characters, not holding the username, not a common password',
  },
  'accounts.state': { zh: '状态', en: 'State' },
  'accounts.stateActive': { zh: '正常', en: 'active' },
  'accounts.stateDisabled': { zh: '已停用', en: 'disabled' },
  'accounts.stateLocked': { zh: '已锁定', en: 'locked' },
  'accounts.stateMustChange': { zh: '待改密码', en: 'must change password' },
  'accounts.self': { zh: '（本人）', en: '(you)' },
  'accounts.reset': { zh: '重置密码', en: 'Reset password' },
  'accounts.resetConfirm': {
    zh: '为 {name} 生成新的一次性密码？原密码将失效。',
    en: 'Give {name} a new one-time password? The old one stops working.',
  },
  'accounts.disable': { zh: '停用', en: 'Disable' },
  'accounts.enable': { zh: '启用', en: 'Enable' },
  'accounts.disableConfirm': {
    zh: '停用 {name} 的账号？停用后不能登录。',
    en: 'Disable {name}? They can no longer sign in.',
  },
  'accounts.enableConfirm': { zh: '重新启用 {name} 的账号？', en: 'Enable {name} again?' },
  'accounts.disabledDone': { zh: '已停用：{name}', en: 'Disabled: {name}' },
  'accounts.enabled': { zh: '已启用：{name}', en: 'Enabled: {name}' },
  'accounts.empty': { zh: '还没有账号', en: 'No accounts yet' },
  'accounts.noPermission': {
    zh: '管理账号需要“系统管理员”角色。',
    en: 'Managing accounts needs the administrator role.',
  },
  'accounts.otpTitle': { zh: '一次性密码', en: 'One-time password' },
  'accounts.otpIntro': {
    zh: '请把下面的一次性密码告知 {username}。对方首次登录后须设置自己的密码。',
    en: 'Give this one-time password to {username}. They must set their own password at first sign-in.',
  },
  'accounts.otpWarning': {
    zh: '此密码只显示这一次，关闭后无法再查看（可重新重置）。',
    en: 'It is shown only now; after closing you can only reset it again.',
  },
  'accounts.otpDone': { zh: '我已记下', en: 'I have noted it' },

  'campaignStage.draft': { zh: '草稿', en: 'Draft' },
  'campaignStage.nominating': { zh: '申报中', en: 'Taking names' },
  'campaignStage.reviewing': { zh: '审核中', en: 'In review' },
  'campaignStage.notice': { zh: '公示中', en: 'On public notice' },
  'campaignStage.final': { zh: '名单已定', en: 'List final' },
  'campaignStage.closed': { zh: '已结束', en: 'Closed' },
  'campaigns.colStage': { zh: '阶段', en: 'Stage' },
  'editor.closed': {
    zh: '活动已结束，所有内容已冻结。如确需修改，须由上级单位重新开启。',
    en: 'The campaign is closed and everything in it is frozen. Only the unit above can reopen it.',
  },
  'editor.reopen': { zh: '重新开启', en: 'Reopen' },
  'editor.reopenTitle': { zh: '重新开启活动', en: 'Reopen the campaign' },
  'editor.reopenHelp': {
    zh: '重新开启后，名单、名额和设置可以再次修改。原因记入活动的状态记录和操作日志。',
    en: 'Once reopened its lists, quotas and settings can change again. The reason is kept in the campaign’s history and the audit log.',
  },
  'editor.reopenReason': { zh: '原因', en: 'Reason' },
  'editor.reopenReasonRequired': { zh: '请填写重新开启的原因', en: 'Give the reason' },
  'editor.reopened': { zh: '活动已重新开启', en: 'The campaign is open again' },
  'editor.history': { zh: '状态记录', en: 'Status history' },
  'editor.historyEmpty': { zh: '尚无状态变更', en: 'No status changes yet' },
  'editor.historyLine': { zh: '{actor}：{from} → {to}', en: '{actor}: {from} → {to}' },
  'campaignStatus.draft': { zh: '草稿', en: 'Draft' },
  'campaignStatus.active': { zh: '进行中', en: 'Active' },
  'campaignStatus.closed': { zh: '已结束', en: 'Closed' },
  'layer.general': { zh: '面上慰问', en: 'Area-wide' },
  'layer.leaderVisit': { zh: '点上慰问', en: 'Point visits' },

  'campaigns.title': { zh: '慰问活动', en: 'Relief campaigns' },
  'campaigns.subtitle': {
    zh: '每年的春节慰问、送温暖活动：方案、标准、预算和名额分配。',
    en: 'Each year’s campaigns: plan, standards, budget and quotas.',
  },
  'campaigns.create': { zh: '新建活动', en: 'New campaign' },
  'campaigns.createTitle': { zh: '新建慰问活动', en: 'New relief campaign' },
  'campaigns.createOk': { zh: '创建并编辑', en: 'Create and edit' },
  'campaigns.createHelp': {
    zh: '先填写名称、年度和组织单位，创建后再逐项填写阶段、慰问类别和标准。',
    en: 'Start with name, year and organiser; phases, categories and standards come next.',
  },
  'campaigns.created': {
    zh: '活动已创建，请填写慰问类别和标准',
    en: 'Campaign created: now add the categories and standards',
  },
  'campaigns.defaultName': { zh: '{year}年春节“送温暖”慰问活动', en: '{year} Spring Festival relief campaign' },
  'campaigns.organiserHelp': {
    zh: '负责制定方案、下达名额的单位，通常是本单位',
    en: 'The unit that writes the plan and sets the quotas, usually yours',
  },
  'campaigns.colName': { zh: '活动名称', en: 'Name' },
  'campaigns.colYear': { zh: '年度', en: 'Year' },
  'campaigns.colOrganiser': { zh: '组织单位', en: 'Organiser' },
  'campaigns.colCategories': { zh: '类别数', en: 'Categories' },
  'campaigns.colTotal': { zh: '预算合计（元）', en: 'Budget (yuan)' },
  'campaigns.colUpdated': { zh: '最近修改', en: 'Last changed' },
  'campaigns.emptyManage': {
    zh: '还没有慰问活动。点击“新建活动”开始编写方案，或用“导入方案”粘贴已有的方案文字自动生成。',
    en: 'No campaigns yet. Create one, or paste an existing plan under “Import plan”.',
  },
  'campaigns.emptyRead': { zh: '暂时没有您可以查看的慰问活动。', en: 'There is no campaign you can see yet.' },

  'campaign.name': { zh: '活动名称', en: 'Campaign name' },
  'campaign.namePlaceholder': { zh: '例如：2025年春节“送温暖”慰问活动', en: 'e.g. 2025 Spring Festival relief' },
  'campaign.nameRequired': { zh: '请输入活动名称', en: 'Enter the campaign name' },
  'campaign.year': { zh: '年度', en: 'Year' },
  'campaign.yearInvalid': { zh: '年度应在 2000 至 2100 之间', en: 'A year between 2000 and 2100' },
  'campaign.status': { zh: '状态', en: 'Status' },
  'campaign.organiser': { zh: '组织单位', en: 'Organising unit' },
  'campaign.organiserRequired': { zh: '请选择组织单位', en: 'Choose the organising unit' },
  'campaign.slogan': { zh: '活动主题', en: 'Slogan' },
  'campaign.sloganHelp': { zh: '例如：“情暖万家 共度新春”', en: 'e.g. “Warmth for every home”' },
  'campaign.sloganPlaceholder': { zh: '例如：情暖万家 共度新春', en: 'e.g. Warmth for every home' },
  'campaign.purpose': { zh: '指导思想 / 活动目的', en: 'Purpose' },
  'campaign.purposeHelp': {
    zh: '方案开头的一段话，会写入导出的 Word 方案',
    en: 'The opening of the plan; goes into the Word document',
  },
  'campaign.requirements': { zh: '工作要求', en: 'Requirements' },
  'campaign.requirementsHelp': {
    zh: '如：加强领导、专款专用、不截留不挪用、及时公示',
    en: 'e.g. leadership, earmarked funds, timely public notice',
  },

  'editor.tab.basic': { zh: '基本信息', en: 'Basics' },
  'editor.tab.phases': { zh: '阶段', en: 'Phases' },
  'editor.tab.activities': { zh: '活动与责任单位', en: 'Activities' },
  'editor.tab.categories': { zh: '慰问类别与标准', en: 'Categories & standards' },
  'editor.tab.budget': { zh: '预算', en: 'Budget' },
  'editor.tab.units': { zh: '单位分配', en: 'Unit quotas' },
  'editor.backToList': { zh: '返回活动列表', en: 'Back to campaigns' },
  'editor.notFoundHint': {
    zh: '活动可能已被删除，或不属于您的单位。',
    en: 'It may have been deleted or belong to another unit.',
  },
  'editor.organiserYear': { zh: '{unit} · {year}年度', en: '{unit} · {year}' },
  'editor.totalLabel': { zh: '预算合计', en: 'Budget total' },
  'editor.download': { zh: '下载方案 (Word)', en: 'Download plan (Word)' },
  'editor.downloadSavedOnly': {
    zh: '下载的是已保存的版本，请先保存修改',
    en: 'Downloads the saved version: save your changes first',
  },
  'editor.saveDirty': { zh: '保存修改', en: 'Save changes' },
  'editor.saved': { zh: '活动已保存', en: 'Campaign saved' },
  'editor.fixErrors': { zh: '有填写错误，请按红色提示修改后再保存', en: 'Some fields need fixing (marked in red)' },
  'editor.readOnly': {
    zh: '只读：您可以查看此活动，只有组织单位的组织者可以修改。',
    en: 'Read-only: only the organising unit can change this campaign.',
  },
  'editor.staleHelp': {
    zh: '在您编辑期间，有其他人保存了此活动。请点击“重新加载”获取最新内容，再重新填写您的修改。',
    en: 'Someone saved this campaign while you were editing. Reload to get their version, then apply your change again.',
  },
  'editor.reload': { zh: '重新加载', en: 'Reload' },
  'editor.leaveConfirm': { zh: '有未保存的修改，确定离开吗？', en: 'You have unsaved changes. Leave anyway?' },

  'phases.help': {
    zh: '按时间先后列出工作阶段，例如准备、宣传发动、走访慰问、总结（篇四）。',
    en: 'The phases in order, e.g. preparation, publicity, visits, summary.',
  },
  'phases.empty': { zh: '还没有阶段', en: 'No phases yet' },
  'phases.numbered': { zh: '第 {n} 阶段', en: 'Phase {n}' },
  'phases.name': { zh: '阶段名称', en: 'Name' },
  'phases.namePlaceholder': { zh: '例如：准备阶段', en: 'e.g. Preparation' },
  'phases.nameRequired': { zh: '请输入阶段名称', en: 'Enter the phase name' },
  'phases.startsOn': { zh: '开始日期', en: 'Starts' },
  'phases.endsOn': { zh: '结束日期', en: 'Ends' },
  'phases.dateRequired': { zh: '请选择日期', en: 'Choose a date' },
  'phases.dateInvalid': { zh: '日期格式应为 年-月-日', en: 'A date YYYY-MM-DD' },
  'phases.endBeforeStart': { zh: '结束日期不能早于开始日期', en: 'Ends before it starts' },
  'phases.description': { zh: '工作内容', en: 'What happens' },
  'phases.descriptionPlaceholder': { zh: '例如：调查摸底，确定慰问对象', en: 'e.g. survey, decide the recipients' },
  'phases.add': { zh: '添加阶段', en: 'Add phase' },
  'phases.addUsual': { zh: '添加常用四个阶段', en: 'Add the usual four phases' },
  'phases.usual.prepare': { zh: '准备阶段', en: 'Preparation' },
  'phases.usual.publicise': { zh: '宣传发动阶段', en: 'Publicity' },
  'phases.usual.visit': { zh: '走访慰问阶段', en: 'Visits' },
  'phases.usual.summarise': { zh: '总结阶段', en: 'Summary' },

  'activities.help': {
    zh: '每项活动写明内容和责任单位（篇一），例如“走访困难党员 — 区委组织部、各镇街”。',
    en: 'Each activity with its responsible units.',
  },
  'activities.empty': { zh: '还没有活动', en: 'No activities yet' },
  'activities.numbered': { zh: '活动 {n}', en: 'Activity {n}' },
  'activities.title': { zh: '活动内容', en: 'Activity' },
  'activities.titlePlaceholder': { zh: '例如：走访慰问困难群众', en: 'e.g. visit households in hardship' },
  'activities.titleRequired': { zh: '请输入活动内容', en: 'Enter the activity' },
  'activities.responsibleUnits': { zh: '责任单位', en: 'Responsible units' },
  'activities.responsibleUnitsPlaceholder': {
    zh: '例如：区民政局、各镇街',
    en: 'e.g. civil affairs bureau, all towns',
  },
  'activities.responsibleUnitsRequired': { zh: '请填写责任单位', en: 'Enter the responsible units' },
  'activities.dueOn': { zh: '完成时限', en: 'Due' },
  'activities.description': { zh: '说明', en: 'Details' },
  'activities.add': { zh: '添加活动', en: 'Add activity' },

  'categories.help': {
    zh: '每个慰问类别填写人数和每人标准：慰问金、礼品（折合金额）和实物。面上慰问是该类别的全部对象，点上慰问是领导走访的少数对象（篇五）。金额单位为元，最多两位小数。',
    en: 'For each category: the number of people and the standard per person — cash, gift value and goods. Amounts in yuan with at most two decimals.',
  },
  'categories.name': { zh: '类别名称', en: 'Category' },
  'categories.namePlaceholder': { zh: '例如：困难职工', en: 'e.g. employees in hardship' },
  'categories.nameRequired': { zh: '请输入类别名称', en: 'Enter the category' },
  'categories.nameDuplicate': { zh: '类别名称重复', en: 'This category appears twice' },
  'categories.layer': { zh: '层次', en: 'Layer' },
  'categories.plannedCount': { zh: '人数', en: 'People' },
  'categories.countNote': { zh: '人数说明', en: 'Count note' },
  'categories.countNotePlaceholder': { zh: '如：每镇1人', en: 'e.g. 1 per town' },
  'categories.cash': { zh: '慰问金（元/人）', en: 'Cash (yuan/person)' },
  'categories.gift': { zh: '礼品（元/人）', en: 'Gift (yuan/person)' },
  'categories.items': { zh: '实物（每人数量）', en: 'Goods (per person)' },
  'categories.itemPick': { zh: '选择物资', en: 'Choose an item' },
  'categories.itemRequired': { zh: '请选择物资', en: 'Choose an item' },
  'categories.quantity': { zh: '数量', en: 'Qty' },
  'categories.addItem': { zh: '添加实物', en: 'Add goods' },
  'categories.catalogueEmpty': { zh: '物资目录为空', en: 'The catalogue is empty' },
  'categories.perPerson': { zh: '每人合计', en: 'Per person' },
  'categories.subtotal': { zh: '小计（元）', en: 'Subtotal' },
  'categories.remove': { zh: '删除此类别', en: 'Remove this category' },
  'categories.description': { zh: '对象范围说明', en: 'Who is included' },
  'categories.descriptionPlaceholder': {
    zh: '例如：享受定期定量补助的“三属”人员、在乡复员军人……',
    en: 'Who belongs to this category',
  },
  'categories.more': { zh: '更多', en: 'More' },
  'categories.empty': {
    zh: '还没有慰问类别。点击下方“添加面上慰问类别”开始。',
    en: 'No categories yet: add one below.',
  },
  'categories.addGeneral': { zh: '添加面上慰问类别', en: 'Add area-wide category' },
  'categories.addLeaderVisit': { zh: '添加点上慰问类别', en: 'Add point-visit category' },
  'categories.standardRequired': {
    zh: '请填写慰问金、礼品或实物（至少一项）',
    en: 'Set cash, gift or goods (at least one)',
  },

  'items.manage': { zh: '物资目录', en: 'Goods catalogue' },
  'items.title': { zh: '物资目录', en: 'Goods catalogue' },
  'items.help': {
    zh: '慰问实物的名称、规格和单价，例如大米 20斤/袋 80元。修改单价不影响已设定标准的类别。',
    en: 'Goods with spec and unit price. Changing a price does not alter standards already set.',
  },
  'items.empty': { zh: '还没有物资', en: 'No goods yet' },
  'items.name': { zh: '名称', en: 'Name' },
  'items.spec': { zh: '规格', en: 'Spec' },
  'items.unitLabel': { zh: '单位', en: 'Unit' },
  'items.price': { zh: '单价（元）', en: 'Unit price (yuan)' },
  'items.add': { zh: '添加物资', en: 'Add goods' },
  'items.edit': { zh: '修改物资', en: 'Edit goods' },
  'items.nameRequired': { zh: '请输入名称', en: 'Enter a name' },
  'items.specRequired': { zh: '请输入规格', en: 'Enter the spec' },
  'items.unitLabelRequired': { zh: '请输入单位', en: 'Enter the unit' },

  'budget.grandTotal': { zh: '预算合计', en: 'Grand total' },
  'budget.totalCount': { zh: '共 {count} 人', en: '{count} people' },
  'budget.personsShort': { zh: '{count} 人', en: '{count} ppl' },
  'budget.layerSubtotal': { zh: '{layer}小计', en: '{layer} subtotal' },
  'budget.liveNotice': {
    zh: '以下预算按当前填写内容实时计算，尚未保存。',
    en: 'Computed live from your unsaved input.',
  },
  'budget.matching': { zh: '下级配套资金', en: 'Matching funds' },
  'budget.overall': { zh: '含配套共', en: 'overall' },
  'budget.empty': {
    zh: '还没有慰问类别，在“慰问类别与标准”中添加后这里会自动计算预算。',
    en: 'No categories yet: the budget appears as you add them.',
  },
  'budget.overflow': {
    zh: '金额过大，无法计算合计，请检查人数和标准。',
    en: 'The amounts are too large to add up: check counts and standards.',
  },
  'budget.category': { zh: '类别', en: 'Category' },
  'budget.count': { zh: '人数', en: 'People' },
  'budget.cash': { zh: '慰问金/人', en: 'Cash/person' },
  'budget.gift': { zh: '礼品/人', en: 'Gift/person' },
  'budget.items': { zh: '实物/人', en: 'Goods/person' },
  'budget.perPerson': { zh: '每人合计', en: 'Per person' },
  'budget.amount': { zh: '金额（元）', en: 'Amount (yuan)' },
  'budget.chartTitle': { zh: '各类别金额', en: 'Amount per category' },
  'budget.chartBar': { zh: '柱状', en: 'Bars' },
  'budget.chartPie': { zh: '饼图', en: 'Pie' },
  'budget.chartEmpty': { zh: '填写人数和标准后显示', en: 'Appears once counts and standards are set' },

  'afford.title': { zh: '按经费测算户数（篇八）', en: 'Households the funds serve' },
  'afford.help': {
    zh: '经费决定规模时（“视经费情况决定”），输入可用资金和每户标准，算出能慰问多少户、结余多少。',
    en: 'When the money decides the scale: available funds and the standard per household give the number of households and what is left.',
  },
  'afford.available': { zh: '可用资金', en: 'Available funds' },
  'afford.standard': { zh: '每户标准', en: 'Standard per household' },
  'afford.perHousehold': { zh: '元/户', en: 'yuan each' },
  'afford.standardZero': { zh: '每户标准须大于 0', en: 'The standard must be more than 0' },
  'afford.fromCategory': { zh: '或采用某类别的标准', en: 'Or use a category’s standard' },
  'afford.fromCategoryPlaceholder': { zh: '选择类别', en: 'Choose a category' },
  'afford.households': { zh: '可慰问', en: 'Households' },
  'afford.householdUnit': { zh: '户', en: '' },
  'afford.spent': { zh: '使用资金', en: 'Spent' },
  'afford.remainder': { zh: '结余', en: 'Left over' },

  'unitPlans.help': {
    zh: '把各类别的人数（名额）分配到组织单位的下级单位，并登记各单位的配套资金（篇五、篇七）。各单位之和应等于类别的计划人数。',
    en: 'Split each category’s count over the organiser’s sub-units and record the matching funds they add. The parts should add up to the planned count.',
  },
  'unitPlans.unit': { zh: '单位', en: 'Unit' },
  'unitPlans.planned': { zh: '计划 {count} 人', en: 'planned {count}' },
  'unitPlans.matching': { zh: '配套资金', en: 'Matching funds' },
  'unitPlans.note': { zh: '备注', en: 'Note' },
  'unitPlans.unitTotal': { zh: '单位合计', en: 'Unit total' },
  'unitPlans.sum': { zh: '合计 / 计划', en: 'Sum / planned' },
  'unitPlans.save': { zh: '保存分配', en: 'Save quotas' },
  'unitPlans.saved': { zh: '名额分配已保存', en: 'Quotas saved' },
  'unitPlans.unsaved': { zh: '分配有未保存的修改', en: 'Unsaved quota changes' },
  'unitPlans.fixInputs': {
    zh: '有格式不正确的人数或金额（红框），请修改后再保存',
    en: 'Some counts or amounts are not valid (red)',
  },
  'unitPlans.distribute': { zh: '平均分配', en: 'Spread evenly' },
  'unitPlans.distributeConfirm': {
    zh: '把各类别人数平均分配到 {units} 个下级单位？已有的分配会被覆盖。',
    en: 'Spread every category evenly over {units} sub-units? Existing quotas are replaced.',
  },
  'unitPlans.distributed': { zh: '已平均分配到 {units} 个单位', en: 'Spread over {units} units' },
  'unitPlans.mismatchTitle': { zh: '以下类别的分配合计与计划人数不一致', en: 'These categories’ quotas do not add up' },
  'unitPlans.mismatch': {
    zh: '{name}：计划 {planned} 人，已分配 {sum} 人',
    en: '{name}: planned {planned}, allocated {sum}',
  },
  'unitPlans.noCategories': {
    zh: '请先在“慰问类别与标准”中添加类别并保存，再分配名额。',
    en: 'Add and save categories first.',
  },
  'unitPlans.noUnits': {
    zh: '“{unit}”下还没有下级单位。请先在“单位”页面添加，或按行政区划代码导入。',
    en: '{unit} has no sub-units yet: add them on the Units page.',
  },
  'unitPlans.unsavedCategories': {
    zh: '慰问类别有未保存的修改；名额按已保存的类别和人数分配，请先保存活动。',
    en: 'Categories have unsaved changes; quotas use the saved ones.',
  },

  'import.title': { zh: '导入方案', en: 'Import a plan' },
  'import.help': {
    zh: '把已有方案（Word 中复制的文字或 .txt 文件）粘贴到下面，点击“检查”：系统会逐行重新核算“人数 × 标准 = 金额”及各项合计，标出算错的行，然后可一键生成草稿活动。',
    en: 'Paste an existing plan (text copied from Word, or a .txt file) and check it: every “count × standard = amount” line and total is recomputed, wrong lines are marked, and a draft campaign can be created.',
  },
  'import.placeholder': {
    zh: '例如：\n1、重点优抚对象3726人，安排慰问金100元/人，计372600元。\n2、百岁老人138人，安排慰问金300元/人，礼品200元/人，计69000元。',
    en: 'e.g.\n1、重点优抚对象3726人，安排慰问金100元/人，计372600元。',
  },
  'import.check': { zh: '检查', en: 'Check' },
  'import.upload': { zh: '打开 .txt 文件', en: 'Open a .txt file' },
  'import.clear': { zh: '清空', en: 'Clear' },
  'import.charCount': { zh: '{count} 字', en: '{count} characters' },
  'import.textRequired': { zh: '请先粘贴方案文字或打开文件', en: 'Paste the plan text or open a file first' },
  'import.fileRead': { zh: '已读取 {name}', en: 'Read {name}' },
  'import.fileFailed': { zh: '无法读取文件', en: 'Cannot read the file' },
  'import.resultTitle': { zh: '检查结果', en: 'Result' },
  'import.textChanged': {
    zh: '文字已修改，请重新检查后再生成草稿。',
    en: 'The text changed: check again before creating the draft.',
  },
  'import.draftTitle': { zh: '生成草稿活动', en: 'Create a draft campaign' },
  'import.draftHelp': {
    zh: '按检查结果生成一个草稿活动（慰问类别、人数和标准），之后可在活动中继续修改。',
    en: 'Creates a draft campaign with these categories, counts and standards.',
  },
  'import.draftHelpProblems': {
    zh: '检查发现了问题。草稿按“人数 × 标准”重新计算的金额生成，原文中写错的金额不会带入；生成后请在活动中核对。',
    en: 'Problems were found. The draft uses the recomputed amounts (count × standard), never the wrong figures; check it afterwards.',
  },
  'import.nameHelp': { zh: '不填则使用方案标题', en: 'Empty: the plan’s title' },
  'import.create': { zh: '生成草稿活动', en: 'Create draft campaign' },
  'import.created': { zh: '草稿活动已生成，共 {count} 个类别', en: 'Draft created with {count} categories' },

  'lint.total': { zh: '核算总金额', en: 'Recomputed total' },
  'lint.itemCount': { zh: '读到 {count} 个慰问类别', en: '{count} categories read' },
  'lint.noProblems': { zh: '所有金额核算一致，没有发现问题', en: 'Every figure adds up' },
  'lint.problemCount': { zh: '发现 {count} 处问题', en: '{count} problems found' },
  'lint.lineN': { zh: '第 {line} 行', en: 'line {line}' },
  'lint.title': { zh: '方案标题', en: 'Title' },
  'lint.line': { zh: '行号', en: 'Line' },
  'lint.category': { zh: '类别', en: 'Category' },
  'lint.layer': { zh: '层次', en: 'Layer' },
  'lint.count': { zh: '人数', en: 'People' },
  'lint.cash': { zh: '慰问金/人', en: 'Cash/person' },
  'lint.gift': { zh: '礼品/人', en: 'Gift/person' },
  'lint.perPerson': { zh: '每人合计', en: 'Per person' },
  'lint.stated': { zh: '原文金额', en: 'Stated' },
  'lint.computed': { zh: '核算金额', en: 'Recomputed' },
  'lint.notStated': { zh: '未写明', en: 'not stated' },
  'lint.totalKind': { zh: '合计', en: 'Total' },
  'lint.subtotal': { zh: '{layer}小计', en: '{layer} subtotal' },
  'lint.grandTotal': { zh: '总计', en: 'Grand total' },
  'lint.noItems': {
    zh: '没有读到“××人，慰问金××元/人”这样的行。请确认粘贴的是方案中“慰问标准及资金”部分。',
    en: 'No “N people, X yuan per person” lines found.',
  },

  'audit.title': { zh: '操作日志', en: 'Audit log' },
  'audit.subtitle': {
    zh: '谁在什么时间做了什么修改（北京时间）。点击行首的“+”查看修改前后的内容。',
    en: 'Who changed what and when (Beijing time). Expand a row to see before and after.',
  },
  'audit.at': { zh: '时间', en: 'Time' },
  'audit.actor': { zh: '操作人', en: 'Actor' },
  'audit.actionCol': { zh: '操作', en: 'Action' },
  'audit.entityCol': { zh: '对象', en: 'Record' },
  'audit.entityId': { zh: '编号', en: 'Id' },
  'audit.allEntities': { zh: '全部', en: 'All' },
  'audit.ip': { zh: 'IP 地址', en: 'IP address' },
  'audit.before': { zh: '修改前', en: 'Before' },
  'audit.after': { zh: '修改后', en: 'After' },
  'audit.none': { zh: '（无）', en: '(none)' },
  'audit.empty': { zh: '没有符合条件的记录', en: 'No entries' },
  'audit.loadMore': { zh: '加载更早的记录', en: 'Load older entries' },
  'audit.noPermission': {
    zh: '查看操作日志需要“系统管理员”或“监督员”角色。',
    en: 'The audit log needs the administrator or supervisor role.',
  },
  'audit.action.create': { zh: '新建', en: 'create' },
  'audit.action.update': { zh: '修改', en: 'update' },
  'audit.action.delete': { zh: '删除', en: 'delete' },
  'audit.action.close': { zh: '撤销', en: 'close' },
  'audit.action.add-region': { zh: '导入行政区划', en: 'add region' },
  'audit.action.export': { zh: '导出', en: 'export' },
  'audit.action.import': { zh: '导入', en: 'import' },
  'audit.action.sign-in': { zh: '登录', en: 'sign in' },
  'audit.action.change-password': { zh: '修改密码', en: 'change password' },
  'audit.action.reset-password': { zh: '重置密码', en: 'reset password' },
  'audit.action.update-unit-plans': { zh: '名额分配', en: 'update quotas' },
  'audit.action.update-by-import': { zh: '导入更新', en: 'update by import' },
  'audit.action.view-id-number': { zh: '查看身份证号', en: 'view ID number' },
  'audit.action.merge': { zh: '合并', en: 'merge' },
  'audit.action.lift': { zh: '解除', en: 'lift' },
  'audit.action.dismiss-duplicate': { zh: '排除重复', en: 'dismiss duplicate' },
  'audit.entity.unit': { zh: '单位', en: 'unit' },
  'audit.entity.account': { zh: '账号', en: 'account' },
  'audit.entity.campaign': { zh: '活动', en: 'campaign' },
  'audit.entity.item': { zh: '物资', en: 'goods' },
  'audit.entity.person': { zh: '人员', en: 'person' },
  'audit.entity.registry': { zh: '名册', en: 'registry' },
  'audit.entity.blacklist': { zh: '黑名单', en: 'blacklist' },
  ...REGISTRY_MESSAGES,
  ...IDENTIFICATION_MESSAGES,
} satisfies Record<string, { zh: string; en: string }>;
