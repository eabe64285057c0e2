extension DemoPhrases {
    static let spanish = Bank(
        openers: ["Hola,", "¡Hola!", "Buenas,", "Hola equipo,", "Buenos días,", "Saludos,"],
        closers: ["¡Gracias de antemano!", "Gracias", "Un saludo", "Saludos", "¡Muchas gracias!"],
        messages: [
            .question: [
                "¿Qué talla pido para {product}? Dudo entre la {size} y la siguiente.",
                "¿Hacéis envíos a México? Quiero pedir {product} antes de mi viaje.",
                "¿Alguien ha probado {product} en el {trail}? ¿Aguanta varios días de lluvia?",
                "Mi pedido {order} lleva {n} días \"en preparación\", ¿es normal?",
                "¿Cómo se lava {product} sin estropear la membrana?",
                "¿Hay alguna tienda en {city} donde pueda probarme {product}?",
                "¿Tenéis descuentos para clubes de montaña? Somos {n}.",
                "¿Cuándo vuelve a haber stock de {product} en talla {size}?",
                "que diferencia hay entre {product} y el modelo anterior?",
            ],
            .complaint: [
                "Muy decepcionado con {product}, las costuras se rompieron después de {n} salidas.",
                "Pedido {order}: el paquete llegó abierto y falta un artículo. Nadie contesta al teléfono.",
                "Llevo {n} semanas esperando el reembolso, es inaceptable.",
                "Con {product} me empapé en el primer chaparrón. Por ese precio esperaba más.",
                "Segunda vez que cancelan mi pedido sin explicación. Me voy a otra marca.",
                "la entrega era en 48h y {n} dias despues nada de nada",
            ],
            .praise: [
                "Acabo de terminar el {trail} con {product}, ¡perfecta!",
                "Gracias al equipo de la tienda de {city} por los consejos, {product} me queda genial.",
                "Tres años con {product} y sigue como el primer día. ¡Enhorabuena!",
                "Servicio de reparación rapidísimo, en {n} días lo tenía. 👏",
                "La mejor marca de montaña que conozco, se la recomiendo a todos mis amigos.",
                "¡Me encanta que vuestros productos se puedan reparar! ❤️",
            ],
            .idea: [
                "Estaría genial tener {product} en versión para niños.",
                "Sugerencia: una app para seguir las reparaciones.",
                "Deberíais alquilar {product} para los que solo salen una vez al año.",
                "Idea: salidas en grupo con vuestros embajadores en {city}.",
                "¿Y un programa de recompra de material usado? Me apunto seguro.",
            ],
            .bug: [
                "La web falla al pagar, error 500 cada vez.",
                "No puedo entrar en mi cuenta desde la actualización de la app.",
                "El código de descuento BIENVENIDA no funciona.",
                "Me habéis cobrado dos veces el pedido {order}!",
                "El enlace de seguimiento del pedido {order} da error 404.",
            ],
            .spam: [
                "¡¡Gana 500€ al día desde casa!! Haz clic aquí http://dinero-facil.example/oferta",
                "Mirad mi canal, pruebo material de montaña, suscribíos 🔥 https://video.example/c/montanero",
                "SORTEO CRIPTO: envía 0.1 BTC y recibe 1 BTC, ¡solo hoy! http://btc-double.example",
            ],
            .abuse: [
                "Sois unos inútiles, panda de idiotas.",
                "Cállate, imbécil, no tienes ni idea.",
                "Marca de mierda y atención al cliente de mierda.",
            ],
        ],
        followUps: [
            .question: ["¡Misma pregunta!", "+1, también me interesa", "Yo la pedí en {size} y me queda perfecta."],
            .complaint: ["Igual que yo, {n} semanas esperando...", "Mismo problema con {product} 😕"],
            .praise: ["¡Totalmente de acuerdo!", "¡Qué sitio tan bonito!", "¡Genial!"],
            .idea: ["¡Muy buena idea!", "+1000", "Sí, por favor."],
            .bug: ["A mí me pasa lo mismo en el móvil.", "Borrando la caché se arregla."],
        ],
        authorReplies: [
            "¡Gracias por la respuesta rápida!", "Hecho, os mando el número por mensaje privado.",
            "Sigo sin recibir nada...",
            "Perfecto, ¡muchas gracias! 🙏", "Vale, lo pruebo esta noche.",
        ],
        teamReplies: [
            .question: [
                "¡Hola! Para {product} te recomendamos tu talla habitual.",
                "¡Gracias por escribirnos! Sí, enviamos a México en 7 a 10 días laborables.",
                "Hola, estamos revisando tu pedido ahora mismo y te decimos algo.",
            ],
            .complaint: [
                "Lo sentimos muchísimo. ¿Nos escribes por privado con tu número de pedido? Lo solucionamos.",
                "Disculpa el retraso. Hemos reactivado tu reembolso hoy.",
            ],
            .praise: ["¡Muchísimas gracias! Todo el equipo está encantado 🏔️"],
            .idea: ["¡Gracias por la idea! Se la pasamos al equipo de producto."],
            .bug: ["¡Gracias por avisar! El equipo técnico ya está en ello."],
        ],
        subjects: [
            .question: ["Pregunta de talla", "Envíos a México", "Stock"],
            .complaint: ["Pedido incompleto", "Reembolso pendiente", "Producto defectuoso"],
            .praise: ["¡Gracias!", "Experiencia"],
            .idea: ["Sugerencia", "Idea"],
            .bug: ["Error en la web", "Cobro doble"],
            .spam: ["Oferta"],
            .abuse: ["Vergüenza"],
        ],
        hashtags: ["#senderismo", "#montaña", "#acampada", "#aventura", "#Cime"],
        products: [
            ("Aiguille", "la chaqueta Aiguille"), ("Refuge 2", "la tienda Refuge 2"),
            ("Crête 35", "la mochila Crête 35"),
            ("Névé", "el plumífero Névé"), ("Sentier GTX", "las botas Sentier GTX"),
            ("Lueur", "el frontal Lueur"), ("Arête", "los bastones Arête"), ("Source", "la cantimplora Source"),
        ]
    )
}
