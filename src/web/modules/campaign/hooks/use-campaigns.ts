import { useApiData } from '../../../app/use-api-data.ts';
import { getCampaign, listCampaigns, listItems } from '../api/campaign-api.ts';

export function useCampaignList() {
  return useApiData((signal) => listCampaigns(signal), []);
}

export function useCampaignView(id: number) {
  return useApiData((signal) => getCampaign(id, signal), [id]);
}

/** The in-kind catalogue; an account that cannot read it simply sees none. */
export function useCatalogue() {
  return useApiData((signal) => listItems(signal).catch(() => []), []);
}
