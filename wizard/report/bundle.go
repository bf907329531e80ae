package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
)

// BundleFiles returns the names of the files WriteZip puts in the bundle, in
// order: the PDF, the JSON and, when the input had a log, the scrubbed log.
func (r *Report) BundleFiles() []string {
	names := []string{r.FileName("pdf"), r.FileName("json")}
	if r.log != nil {
		names = append(names, "POSDoctor-"+r.doc.Ref+"-log.txt")
	}
	return names
}

// WriteZip writes the support bundle: a zip holding the PDF, the JSON and
// the scrubbed log (see BundleFiles). It returns ErrNoFont without a font,
// or the error of rendering or writing.
func (r *Report) WriteZip(w io.Writer) error {
	var pdf bytes.Buffer
	if err := r.WritePDF(&pdf); err != nil {
		return err
	}
	js, err := r.JSON()
	if err != nil {
		return err
	}
	contents := [][]byte{pdf.Bytes(), js}
	if r.log != nil {
		contents = append(contents, r.log)
	}
	zw := zip.NewWriter(w)
	for i, name := range r.BundleFiles() {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: r.doc.Generated})
		if err != nil {
			return fmt.Errorf("report %s zip %s: %w", r.doc.Ref, name, err)
		}
		if _, err := fw.Write(contents[i]); err != nil {
			return fmt.Errorf("report %s zip %s: %w", r.doc.Ref, name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("report %s zip: %w", r.doc.Ref, err)
	}
	return nil
}
