/**
 * Tiny binary payloads for the image, audio and blob fixtures, base64-encoded. Both were generated
 * for Tern (not copied from anywhere) and are valid files: decoders in clients must accept them.
 */

/** A 1x1 red pixel, PNG (8-bit RGB). */
export const RED_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';

/** Two milliseconds of silence: WAV, PCM 8-bit mono at 8 kHz (16 samples). */
export const SILENT_WAV =
  'UklGRjQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YRAAAACAgICAgICAgICAgICAgICA';
