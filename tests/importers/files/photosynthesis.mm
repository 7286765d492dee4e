<map version="1.0.1">
<node TEXT="Photosynthesis">
<node TEXT="Inputs">
<node TEXT="light"/>
<node TEXT="water &amp; carbon dioxide"/>
</node>
<node TEXT="Outputs">
<richcontent TYPE="NOTE"><html><head></head><body><p>Made in the <b>chloroplast</b>,</p><p>mostly in leaves.</p></body></html></richcontent>
<node><richcontent TYPE="NODE"><html><head></head><body><p>glucose</p></body></html></richcontent></node>
<node TEXT="oxygen"/>
</node>
</node>
</map>
