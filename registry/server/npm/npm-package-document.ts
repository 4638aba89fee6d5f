// What `npm publish` sends (libnpmpublish): a package document naming one version, with the tarball attached as
// base64 under "<name>-<version>.tgz". A release is a version and an artifact, so that is what is read; the rest
// (dist-tags, access, the manifest's fields) a release does not keep. The newest release is a project's latest,
// whatever tag npm asked for. Anything that would make the document mean more than one release (more versions,
// more attachments, such as a provenance bundle the registry would not check) is refused rather than dropped.
import { z } from 'zod';
import { maxArtifactBytes, Version } from '../../contract/project-schemas.ts';
import { ApiError } from '../errors.ts';
import { artifactTooLarge } from '../release-publishing.ts';
import { parseWith } from '../validation.ts';

const Attachment = z.looseObject({ content_type: z.string().optional(), data: z.string(), length: z.number().int().min(0) });

const PackageDocument = z.looseObject({
  _id: z.string(),
  name: z.string(),
  versions: z.record(z.string(), z.looseObject({ name: z.string(), version: z.string() })),
  _attachments: z.record(z.string(), Attachment),
});

export interface NpmRelease {
  version: string;
  tarball: Buffer;
}

const invalid = (message: string) => new ApiError(400, 'invalid_request', message);

/** The release in a package document PUT to /<name>, where `name` is the package name from the path. */
export function readPackageDocument(body: unknown, name: string): NpmRelease {
  const document = parseWith(PackageDocument, body, 'body');
  if (document.name !== name || document._id !== name) throw invalid(`The package document is not for ${name}, the package in the URL`);
  const versions = Object.entries(document.versions);
  if (versions.length !== 1) throw invalid('Publish one version at a time: the document must name exactly one');
  const [version, manifest] = versions[0]!;
  // The version is checked before anything quotes it: a message never echoes what was not validated.
  parseWith(z.object({ version: Version }), { version }, 'body');
  if (manifest.name !== name || manifest.version !== version) throw invalid(`versions.${version}: its name and version disagree with the document`);
  const tarballName = `${name}-${version}.tgz`;
  const attachments = Object.keys(document._attachments);
  if (attachments.length !== 1 || attachments[0] !== tarballName) {
    throw invalid(`_attachments: attach the package tarball, ${tarballName}, and nothing else (provenance is not taken here)`);
  }
  const attachment = document._attachments[tarballName]!;
  const tarball = Buffer.from(attachment.data, 'base64');
  // Buffer.from skips what is not base64 without a word; standard base64, as npm writes it, encodes back to itself.
  // (Cheaper than a regular expression over megabytes, which also overflows the regexp engine's stack.)
  if (tarball.toString('base64') !== attachment.data) throw invalid(`_attachments.${tarballName}.data: not base64`);
  if (tarball.length > maxArtifactBytes) throw artifactTooLarge();
  if (tarball.length !== attachment.length) throw invalid(`_attachments.${tarballName}: length says ${attachment.length} bytes, data holds ${tarball.length}`);
  return { version, tarball };
}
