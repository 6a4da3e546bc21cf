"""Photos and supplied adverts: probing, frame geometry and print/digital preparation.

Takes image and advert files from an issue folder; returns frozen facts about them
(`ImageInfo`, `AdvertInfo`), placement geometry, and ready-to-embed JPEG bytes
(`PreparedImage`). Problems come back as `Finding`s, never exceptions.
"""
