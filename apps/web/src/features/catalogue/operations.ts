// The documents are in operations.graphql beside this file; their typed forms come from the generated module.
export {
  RecommendedCatalogueDocument as RecommendedCatalogueQuery,
  RecommendedCatalogueCsvDocument as RecommendedCatalogueCsvQuery,
  MyCatalogueApplicationsDocument as MyCatalogueApplicationsQuery,
  CatalogueReviewQueueDocument as CatalogueReviewQueueQuery,
  ApplyForCatalogueDocument as ApplyForCatalogueMutation,
  PublishCatalogueEntryDocument as PublishCatalogueEntryMutation,
  RejectCatalogueEntryDocument as RejectCatalogueEntryMutation,
} from '../../gql/graphql';
export type { CatalogueEntryPartsFragment } from '../../gql/graphql';

/** Saves an ExportFile (base64 bytes) under its name. */
export function saveExportFile(file: { fileName: string; contentType: string; base64: string }): void {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
