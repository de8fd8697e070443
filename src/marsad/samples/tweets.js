window.YTD.tweets.part0 = [
  {"tweet": {"id_str": "1900000000000000001", "created_at": "Sat Mar 15 07:20:00 +0000 2025",
             "user": {"screen_name": "marsad_demo_desk"},
             "full_text": "Government forces repelled an attack on Morek in the northern Hama countryside overnight, the state news agency SANA reported, citing a military source."}},
  {"tweet": {"id_str": "1900000000000000002", "created_at": "Sat Mar 15 08:05:00 +0000 2025",
             "user": {"screen_name": "marsad_demo_desk"},
             "full_text": "أفاد المرصد السوري لحقوق الإنسان بمقتل 5 عناصر من القوات الحكومية في اشتباكات مع فصائل المعارضة على أطراف مورك بريف حماة الشمالي."}}
]
