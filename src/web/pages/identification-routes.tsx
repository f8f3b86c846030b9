/** The identification screens by path; null when the path is not one of them. */
import type { ReactNode } from 'react';
import { matchPath } from '../app/router.tsx';
import { PublicNoticePage } from './identification-public-notice-page.tsx';
import { PublicRecommendPage } from './identification-public-recommend-page.tsx';
import { IdentificationCampaignsPage } from './identification-campaigns-page.tsx';
import { IdentificationPage } from './identification-page.tsx';

export function identificationRoute(pathname: string): ReactNode | null {
  if (pathname === '/identification') return <IdentificationCampaignsPage />;
  const campaign = matchPath('/campaigns/:id/identification', pathname);
  if (campaign) return <IdentificationPage key={campaign.id} idParam={campaign.id!} />;
  return null;
}

/** Pages anyone may open without signing in. */
export function publicRoute(pathname: string): ReactNode | null {
  const notice = matchPath('/public/notices/:noticeId', pathname);
  if (notice) return <PublicNoticePage key={notice.noticeId} noticeIdParam={notice.noticeId!} />;
  const recommend = matchPath('/public/campaigns/:id/recommend', pathname);
  if (recommend) return <PublicRecommendPage key={recommend.id} campaignIdParam={recommend.id!} />;
  return null;
}
