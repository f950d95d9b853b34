import * as z from 'zod/mini';

/**
 * An optionally sized icon that a user interface can display.
 * `src` is an `https:` or `data:` URI; it is not parsed here (format annotations are not asserted).
 */
export const IconSchema = z.looseObject({
  /** URI pointing to the icon resource. */
  src: z.string(),
  /** Optional MIME type override. */
  mimeType: z.optional(z.string()),
  /** Sizes in WxH form, or `any` for scalable formats. */
  sizes: z.optional(z.array(z.string())),
  /** The theme this icon is designed for. */
  theme: z.optional(z.enum(['light', 'dark'])),
});
/** An optionally sized icon. */
export type Icon = z.infer<typeof IconSchema>;

/** @internal Shape mixed into every definition that carries `icons`. */
export const iconsShape = {
  /** Icons for display in a user interface. */
  icons: z.optional(z.array(IconSchema)),
};

/** Mixin definition adding an optional `icons` array. */
export const IconsSchema = z.looseObject(iconsShape);
/** Mixin adding an optional `icons` array. */
export type Icons = z.infer<typeof IconsSchema>;

/** @internal Shape mixed into every definition with a programmatic `name` and display `title`. */
export const baseMetadataShape = {
  /** Programmatic identifier. */
  name: z.string(),
  /** Human-readable display name. */
  title: z.optional(z.string()),
};

/** Mixin definition with a programmatic `name` and an optional display `title`. */
export const BaseMetadataSchema = z.looseObject(baseMetadataShape);
/** Mixin with `name` and optional `title`. */
export type BaseMetadata = z.infer<typeof BaseMetadataSchema>;

/**
 * Describes an MCP implementation: `io.modelcontextprotocol/clientInfo` on requests and
 * `io.modelcontextprotocol/serverInfo` on results. Self-reported and unverified: use it for
 * display and logging, never for security decisions.
 */
export const ImplementationSchema = z.looseObject({
  ...baseMetadataShape,
  ...iconsShape,
  /** Version string of the implementation. */
  version: z.string(),
  /** Human-readable description of the implementation. */
  description: z.optional(z.string()),
  /** URL of the implementation's website. */
  websiteUrl: z.optional(z.string()),
});
/** Describes an MCP implementation. */
export type Implementation = z.infer<typeof ImplementationSchema>;
