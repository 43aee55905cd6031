"""Mark a PDF as PDF/X-4: the output intent with its embedded CMYK profile, the XMP
identification, Trapped, PDF 1.6 — the last step of every build (pikepdf)."""

from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from ..colour import FOGRA39, OutputIntent



def _xmp(title: str, created: str, producer: str) -> bytes:
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:format>application/pdf</dc:format>
   <xmp:CreateDate>{created}</xmp:CreateDate>
   <xmp:ModifyDate>{created}</xmp:ModifyDate>
   <xmp:MetadataDate>{created}</xmp:MetadataDate>
   <xmp:CreatorTool>{escape(producer)}</xmp:CreatorTool>
   <pdf:Producer>{escape(producer)}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode("utf-8")


def mark_pdfx4(data: bytes, title: str, date: dt.date, intent: OutputIntent = FOGRA39,
               producer: str = "monrecap") -> bytes:
    """The same PDF, identified as PDF/X-4 for ``intent``; deterministic for a given input."""
    pdf = pikepdf.open(io.BytesIO(data))
    stamp = dt.datetime.combine(date, dt.time(0, 0), dt.timezone.utc)
    pdf_date = stamp.strftime("D:%Y%m%d%H%M%S+00'00'")
    xmp_date = stamp.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    profile = pdf.make_stream(intent.profile.read_bytes())
    profile.N = 4
    pdf.Root.OutputIntents = Array([Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFX,
        OutputConditionIdentifier=String(intent.identifier),
        OutputCondition=String(intent.condition),
        RegistryName=String("http://www.color.org"),
        Info=String(intent.condition),
        DestOutputProfile=profile)])
    metadata = pdf.make_stream(_xmp(title, xmp_date, producer))
    metadata.Type = Name.Metadata
    metadata.Subtype = Name.XML
    pdf.Root.Metadata = metadata
    info = pdf.docinfo
    info.Title = String(title)
    info.Trapped = Name("/False")
    info.CreationDate = String(pdf_date)
    info.ModDate = String(pdf_date)
    info.Producer = String(producer)
    for page in pdf.pages:
        if "/TrimBox" not in page.obj:
            page.obj.TrimBox = page.obj.MediaBox
        if "/BleedBox" not in page.obj:
            page.obj.BleedBox = page.obj.MediaBox
    out = io.BytesIO()
    pdf.save(out, min_version="1.6", deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()
