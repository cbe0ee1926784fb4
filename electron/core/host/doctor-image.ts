/** An image the stack will run, as the doctor needs it: which CPUs it was built for and how big it is. */
export interface DoctorImage {
  ref: string;
  /** OCI platforms the image (index) provides, e.g. ["linux/amd64"]; empty when not known yet. */
  platforms: string[];
  /** Unpacked size when known; images without one count as zero towards the disk check. */
  sizeBytes?: number;
}
