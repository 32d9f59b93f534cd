/**
 * `/notices/feed.xml`: an Atom 1.0 feed of the latest events of the subsidy notices — new
 * notices, corrections (new revisions), withdrawals and objections received and decided — so a
 * journalist's feed reader hears of a withdrawal as surely as of a publication. Built with the
 * `feed` library from the API's `changes(newestFirst: true)`.
 */
import type { APIRoute } from 'astro';
import { Feed } from 'feed';
import { siteUrl } from '../../config';
import { fetchedOn } from '../../lib/catalogue';
import { fetchLatestChanges, type NoticeChange } from '../../lib/queries';

const KIND: Record<NoticeChange['kind'], string> = {
  PUBLISHED: '发布公示',
  REVISED: '更正（新版本）',
  WITHDRAWN: '撤回公示',
  OBJECTION_RECEIVED: '收到异议',
  OBJECTION_DECIDED: '异议处理结果',
};
const OUTCOME: Record<string, string> = { UPHELD: '经查实，取消该行补贴', REJECTED: '异议不成立', RECEIVED: '核查中' };

function summary(c: NoticeChange): string {
  const demo = c.notice.isDemo ? '（演示数据）' : '';
  switch (c.kind) {
    case 'PUBLISHED':
      return `${c.notice.bureau.name}发布${c.notice.number}${demo}`;
    case 'REVISED':
      return `${c.notice.number}发布第${c.revision}版：${c.reason ?? ''}`;
    case 'WITHDRAWN':
      return `${c.notice.number}已撤回：${c.reason ?? ''}`;
    case 'OBJECTION_RECEIVED':
      return `${c.notice.number}收到异议${c.objection?.lineSeq ? `（第${c.objection.lineSeq}行）` : ''}`;
    case 'OBJECTION_DECIDED':
      return `${c.notice.number}异议处理结果：${OUTCOME[c.objection?.status ?? 'RECEIVED']}${c.objection?.outcome ? `。${c.objection.outcome}` : ''}`;
  }
}

export const GET: APIRoute = async () => {
  const changes = await fetchLatestChanges(100);
  const updated = changes[0] ? new Date(`${changes[0].on}T00:00:00+08:00`) : new Date(`${fetchedOn}T00:00:00+08:00`);
  const feed = new Feed({
    title: '技能云南开放培训目录：培训补贴公示动态',
    description: '培训补贴公示的发布、更正、撤回和异议处理结果',
    id: `${siteUrl}/notices/`,
    link: `${siteUrl}/notices/`,
    language: 'zh-CN',
    updated,
    feedLinks: { atom: `${siteUrl}/notices/feed.xml` },
    copyright: '政府公开信息；演示数据标注为“演示数据”',
    generator: '技能云南开放培训目录',
  });
  for (const c of changes) {
    const link = `${siteUrl}/notices/${c.notice.id}/`;
    const sub =
      c.kind === 'PUBLISHED' || c.kind === 'REVISED' ? `revision-${c.revision}` : `${c.kind.toLowerCase()}-${c.on}`;
    feed.addItem({
      title: `${KIND[c.kind]}：${c.notice.title}`,
      id: `${link}#${sub}${c.objection?.lineSeq ? `-line-${c.objection.lineSeq}` : ''}`,
      link,
      date: new Date(`${c.on}T00:00:00+08:00`),
      description: summary(c),
    });
  }
  return new Response(feed.atom1(), { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
};
